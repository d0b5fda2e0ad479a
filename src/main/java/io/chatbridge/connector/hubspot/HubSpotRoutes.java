package io.chatbridge.connector.hubspot;

import io.chatbridge.outbox.OutboxWorker;
import org.springframework.stereotype.Component;

/**
 * What the {@code deliver-hubspot} route calls: drains the {@code hubspot} sink while the connector is
 * on, does nothing while the access token is unset (there is no sink then, and nothing is queued).
 */
@Component("hubSpotRoutes")
class HubSpotRoutes {

    private final HubSpotProperties properties;
    private final OutboxWorker outbox;

    HubSpotRoutes(HubSpotProperties properties, OutboxWorker outbox) {
        this.properties = properties;
        this.outbox = outbox;
    }

    public int deliver() {
        return properties.enabled() ? outbox.drain("hubspot") : 0;
    }
}
