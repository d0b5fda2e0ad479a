package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What chatbridge knows about HubSpot, in PostgreSQL: contacts by WhatsApp id, the deal of each record
 * and what was last written to it, owner assignments, round-robin turns and shared state. Only hashes
 * and ids are kept for contacts, never the personal data itself.
 */
@Repository
class HubSpotStore {

    record Contact(String contactId, String hash) {}

    record Deal(
            long recordId,
            String humanId,
            String dealId,
            String contactId,
            String associatedTo,
            String hash,
            Map<String, String> written,
            Instant notedUntil,
            Instant notingUntil) {}

    record Message(Instant sentAt, String direction, String senderName, String text) {}

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    HubSpotStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Map<String, Contact> contacts(Collection<String> waIds) {
        Map<String, Contact> result = new HashMap<>();
        jdbc.sql("select wa_id, contact_id, hash from hubspot_contact where wa_id = any(?)")
                .param(waIds.toArray(String[]::new))
                .query(rs -> {
                    result.put(rs.getString(1), new Contact(rs.getString(2), rs.getString(3)));
                });
        return result;
    }

    void saveContact(String waId, String contactId, String hash) {
        jdbc.sql(
                        """
                        insert into hubspot_contact (wa_id, contact_id, hash) values (?, ?, ?)
                        on conflict (wa_id) do update set contact_id = excluded.contact_id, hash = excluded.hash,
                            synced_at = now()""")
                .params(waId, contactId, hash)
                .update();
    }

    Map<Long, Deal> deals(Collection<Long> recordIds) {
        Map<Long, Deal> result = new HashMap<>();
        jdbc.sql("select * from hubspot_deal where record_id = any(?)")
                .param(recordIds.toArray(Long[]::new))
                .query(rs -> {
                    Deal deal = deal(rs);
                    result.put(deal.recordId(), deal);
                });
        return result;
    }

    Optional<Deal> dealByHubSpotId(String dealId) {
        return jdbc.sql("select * from hubspot_deal where deal_id = ? limit 1")
                .param(dealId)
                .query((rs, n) -> deal(rs))
                .optional();
    }

    /** The record type of a record (a deal's binding is its type's). */
    Optional<String> typeOf(long recordId) {
        return jdbc.sql("select type from record where id = ?")
                .param(recordId)
                .query(String.class)
                .optional();
    }

    /** Remembers a value HubSpot now holds, so its echo is recognised and a later change back is not. */
    void remember(long recordId, String property, String value) {
        jdbc.sql(
                        "update hubspot_deal set written = written || jsonb_build_object(cast(? as text), cast(? as text)) where record_id = ?")
                .params(property, value, recordId)
                .update();
    }

    List<Deal> dealsOfContact(String contactId) {
        return jdbc.sql("select * from hubspot_deal where contact_id = ? order by record_id")
                .param(contactId)
                .query((rs, n) -> deal(rs))
                .list();
    }

    private Deal deal(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp noted = rs.getTimestamp("noted_until");
        Timestamp noting = rs.getTimestamp("noting_until");
        return new Deal(
                rs.getLong("record_id"),
                rs.getString("human_id"),
                rs.getString("deal_id"),
                rs.getString("contact_id"),
                rs.getString("associated_to"),
                rs.getString("hash"),
                read(rs.getString("written")),
                noted == null ? null : noted.toInstant(),
                noting == null ? null : noting.toInstant());
    }

    void saveDeal(
            long recordId, String humanId, String dealId, String contactId, String hash, Map<String, String> written) {
        jdbc.sql(
                        """
                        insert into hubspot_deal (record_id, human_id, deal_id, contact_id, hash, written)
                        values (?, ?, ?, ?, ?, cast(? as jsonb))
                        on conflict (record_id) do update set deal_id = excluded.deal_id,
                            contact_id = excluded.contact_id, hash = excluded.hash,
                            written = hubspot_deal.written || excluded.written, synced_at = now()""")
                .params(recordId, humanId, dealId, contactId, hash, write(written))
                .update();
    }

    /** Forgets the stored hash so the next delivery writes the deal again (after a failed write). */
    void invalidate(long recordId) {
        jdbc.sql("update hubspot_deal set hash = '' where record_id = ?")
                .param(recordId)
                .update();
    }

    void markAssociated(long recordId, String contactId) {
        jdbc.sql("update hubspot_deal set associated_to = ? where record_id = ?")
                .params(contactId, recordId)
                .update();
    }

    /** Before a notes call: these notes may exist in HubSpot from now on (see V93). */
    void markNoting(Map<Long, Instant> untilByRecord) {
        jdbc.sql(
                        """
                        update hubspot_deal d set noting_until = n.until
                        from unnest(?::bigint[], ?::timestamptz[]) as n(record_id, until)
                        where d.record_id = n.record_id""")
                .params(
                        untilByRecord.keySet().toArray(Long[]::new),
                        untilByRecord.values().stream().map(Timestamp::from).toArray(Timestamp[]::new))
                .update();
    }

    void markNoted(long recordId, Instant until) {
        jdbc.sql("update hubspot_deal set noted_until = ?, noting_until = null where record_id = ?")
                .params(Timestamp.from(until), recordId)
                .update();
    }

    Optional<String> assignment(long recordId) {
        return jdbc.sql("select owner_id from hubspot_assignment where record_id = ?")
                .param(recordId)
                .query(String.class)
                .optional();
    }

    void saveAssignment(long recordId, String ownerId, String reason) {
        jdbc.sql(
                        """
                        insert into hubspot_assignment (record_id, owner_id, reason) values (?, ?, ?)
                        on conflict (record_id) do update set owner_id = excluded.owner_id,
                            reason = excluded.reason, assigned_at = now()""")
                .params(recordId, ownerId, reason)
                .update();
    }

    /** The next round-robin turn of a record type (0, 1, 2 …), shared by every instance. */
    long nextTurn(String type) {
        return jdbc.sql(
                        """
                        insert into hubspot_turn (type, next) values (?, 1)
                        on conflict (type) do update set next = hubspot_turn.next + 1
                        returning next - 1""")
                .param(type)
                .query(Long.class)
                .single();
    }

    /** Messages of a conversation after {@code after}, oldest first: what the timeline note shows. */
    List<Message> messagesAfter(String conversationId, Instant after, int limit) {
        return jdbc.sql(
                        """
                        select sent_at, direction, sender_name, text from message
                        where conversation_id = ? and sent_at > ? and text is not null
                        order by sent_at, id limit ?""")
                .params(conversationId, Timestamp.from(after), limit)
                .query((rs, n) ->
                        new Message(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** The business number a conversation came in on: its display number's digits, else its id. */
    Optional<String> businessNumber(String conversationId) {
        return jdbc.sql("select coalesce(display_phone_number, phone_number_id) from conversation where id = ?")
                .param(conversationId)
                .query(String.class)
                .optional()
                .map(n -> n.replaceAll("[^0-9A-Za-z]", ""));
    }

    Optional<String> state(String key) {
        return jdbc.sql("select value from hubspot_state where key = ?")
                .param(key)
                .query(String.class)
                .optional();
    }

    void putState(String key, String value) {
        jdbc.sql(
                        """
                        insert into hubspot_state (key, value) values (?, ?)
                        on conflict (key) do update set value = excluded.value, updated_at = now()""")
                .params(key, value)
                .update();
    }

    private Map<String, String> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
