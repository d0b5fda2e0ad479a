package io.chatbridge.connector.hubspot;

import io.chatbridge.outbox.OutboxWorker;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What the {@code deliver-hubspot} route calls: drains the {@code hubspot} sink while the connector is
 * on. It does nothing while the access token is unset (there is no sink then, and nothing is queued),
 * nor while HubSpot's daily limit is reached: the deliveries wait in the outbox without using up their
 * attempts, so a day's pause never sends them to the dead letter.
 */
@Component("hubSpotRoutes")
class HubSpotRoutes {

    private final HubSpotProperties properties;
    private final OutboxWorker outbox;
    private final HubSpotStore store;
    private final Clock clock;

    HubSpotRoutes(HubSpotProperties properties, OutboxWorker outbox, HubSpotStore store, Clock clock) {
        this.properties = properties;
        this.outbox = outbox;
        this.store = store;
        this.clock = clock;
    }

    public int deliver() {
        if (!properties.enabled() || pausedForTheDay()) {
            return 0;
        }
        return outbox.drain("hubspot");
    }

    private boolean pausedForTheDay() {
        return store.state(HubSpotConnection.DAILY_PAUSE)
                .map(Instant::parse)
                .filter(until -> clock.instant().isBefore(until))
                .isPresent();
    }
}
