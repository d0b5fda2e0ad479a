package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * HubSpot webhook events, stored exactly as received before HubSpot gets its 200 (one row per
 * {@code eventId}, so a redelivery is a no-op), then processed one at a time under a row lock.
 */
@Repository
class HubSpotEventStore {

    static final int MAX_ATTEMPTS = 10;

    /** A stored event to apply. */
    record Event(
            long eventId,
            String subscriptionType,
            String objectId,
            String propertyName,
            String propertyValue,
            Instant occurredAt,
            int attempts) {}

    private final JdbcClient jdbc;

    HubSpotEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores every event of a delivery in one transaction; returns how many were new. */
    @Transactional
    int store(List<JsonNode> events) {
        int added = 0;
        for (JsonNode e : events) {
            added += jdbc.sql(
                            """
                            insert into hubspot_event (event_id, subscription_type, object_id, property_name,
                                property_value, occurred_at, payload)
                            values (?, ?, ?, ?, ?, ?, cast(? as jsonb)) on conflict (event_id) do nothing""")
                    .params(
                            e.path("eventId").asLong(),
                            e.path("subscriptionType").asText(),
                            text(e, "objectId"),
                            text(e, "propertyName"),
                            text(e, "propertyValue"),
                            e.has("occurredAt")
                                    ? Timestamp.from(Instant.ofEpochMilli(
                                            e.path("occurredAt").asLong()))
                                    : null,
                            e.toString())
                    .update();
        }
        return added;
    }

    /** The oldest event waiting, locked for this transaction (other instances skip it). */
    Optional<Event> claimNext() {
        return jdbc.sql(
                        """
                        select event_id, subscription_type, object_id, property_name, property_value, occurred_at,
                            attempts
                        from hubspot_event where state in ('received', 'failed') and attempts < ?
                        order by occurred_at nulls first, event_id limit 1 for update skip locked""")
                .param(MAX_ATTEMPTS)
                .query((rs, n) -> new Event(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getInt(7)))
                .optional();
    }

    void finish(long eventId, String state, String outcome) {
        jdbc.sql(
                        """
                        update hubspot_event set state = ?, outcome = ?, attempts = attempts + 1,
                            processed_at = now() where event_id = ?""")
                .params(state, outcome.length() > 500 ? outcome.substring(0, 500) : outcome, eventId)
                .update();
    }

    /** Counts by state, for the status endpoint. */
    java.util.Map<String, Long> counts() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select state, count(*) from hubspot_event group by state").query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
