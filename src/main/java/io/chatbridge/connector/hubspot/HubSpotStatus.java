package io.chatbridge.connector.hubspot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What an admin needs to see about HubSpot: whether the connector is on and for which record types,
 * the webhook events by state and the ones that failed, the daily-limit pause and the poller's cursor.
 */
@Service
public class HubSpotStatus {

    /** The connector at a glance. */
    public record Status(
            boolean enabled,
            boolean polling,
            List<String> boundTypes,
            Map<String, Long> events,
            Instant dailyLimitUntil,
            Instant polledUpTo,
            List<Problem> problems) {}

    /** A webhook event that could not be applied (yet). */
    public record Problem(long eventId, String type, String objectId, String outcome, int attempts) {}

    private final HubSpotProperties properties;
    private final HubSpotBindings bindings;
    private final HubSpotEventStore events;
    private final HubSpotStore store;
    private final JdbcClient jdbc;

    HubSpotStatus(
            HubSpotProperties properties,
            HubSpotBindings bindings,
            HubSpotEventStore events,
            HubSpotStore store,
            JdbcClient jdbc) {
        this.properties = properties;
        this.bindings = bindings;
        this.events = events;
        this.store = store;
        this.jdbc = jdbc;
    }

    public Status status() {
        return new Status(
                properties.enabled(),
                properties.poll(),
                bindings.all().stream().map(HubSpotBinding::type).toList(),
                events.counts(),
                store.state(HubSpotConnection.DAILY_PAUSE).map(Instant::parse).orElse(null),
                store.state(HubSpotPoller.CURSOR)
                        .map(c -> Instant.ofEpochMilli(Long.parseLong(c)))
                        .orElse(null),
                problems());
    }

    private List<Problem> problems() {
        return jdbc.sql(
                        """
                        select event_id, subscription_type, object_id, outcome, attempts from hubspot_event
                        where state = 'failed' order by event_id desc limit 50""")
                .query((rs, n) ->
                        new Problem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
    }
}
