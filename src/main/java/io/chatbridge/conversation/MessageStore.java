package io.chatbridge.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes normalised messages, statuses and webhook errors. Every insert is idempotent (unique on the
 * channel's message id, on (message id, status)), so normalising the same payload twice is a no-op.
 */
@Repository
class MessageStore {

    static final String WHATSAPP = "whatsapp";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final ExtractionWatermark watermark;
    private final ExportTwins twins;

    MessageStore(JdbcTemplate jdbc, ObjectMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.watermark = new ExtractionWatermark(JdbcClient.create(jdbc));
        this.twins = new ExportTwins(JdbcClient.create(jdbc));
    }

    /** A webhook's messages, less those an import stored already from a chat's export ({@link ExportTwins}). */
    void store(long inboxId, ParsedWebhook webhook) {
        List<InboundMessage> fresh = storeMessages(inboxId, WHATSAPP, twins.without(webhook.messages()));
        insertStatuses(inboxId, webhook.statuses());
        insertErrors(inboxId, webhook.errors());
        if (!fresh.isEmpty() || !webhook.statuses().isEmpty()) {
            events.publishEvent(new MessagesStored(fresh, webhook.statuses()));
        }
    }

    /**
     * Messages of any channel; their direction says who wrote them (an export carries both sides).
     *
     * @return the messages that were not stored before
     */
    List<InboundMessage> storeMessages(long inboxId, String channel, List<InboundMessage> messages) {
        upsertConversations(channel, messages);
        List<InboundMessage> fresh = insertMessages(inboxId, channel, messages);
        watermark.storedBefore(channel, fresh);
        return fresh;
    }

    /**
     * Messages the caller has just found not stored (an import's chunk, less what the database already
     * held), in the caller's transaction: a plain insert, without {@link #storeMessages}'s conflict check.
     * That check cost the database about 8 µs a message, a tenth of its work for an import. Should one be
     * stored after all (another import of the same file racing this one), the unique key refuses the
     * statement and the caller's transaction rolls back; the importer then leaves the chunk to the
     * pipeline's normaliser, which stores it with {@link #storeMessages}.
     */
    void storeNewMessages(long inboxId, String channel, List<InboundMessage> messages) {
        upsertConversations(channel, messages);
        if (!messages.isEmpty()) {
            String[][] columns = columns(messages);
            jdbc.execute((ConnectionCallback<Integer>) connection -> {
                try (PreparedStatement statement = connection.prepareStatement(INSERT_NEW_MESSAGES)) {
                    bind(statement, connection, inboxId, channel, columns);
                    return statement.executeUpdate();
                }
            });
        }
        watermark.storedBefore(channel, messages);
    }

    /**
     * One statement for all the batch's conversations (an import's chunk names about sixteen), in id order
     * so concurrent normalisers lock conversations in the same order (no deadlocks).
     */
    private void upsertConversations(String channel, List<InboundMessage> messages) {
        Map<String, InboundMessage> latest = new TreeMap<>();
        for (InboundMessage message : messages) {
            latest.merge(message.conversationId(), message, (a, b) -> a.sentAt().isAfter(b.sentAt()) ? a : b);
        }
        if (latest.isEmpty()) {
            return;
        }
        int n = latest.size();
        String[][] columns = new String[6][n];
        int i = 0;
        for (InboundMessage m : latest.values()) {
            columns[0][i] = m.conversationId();
            columns[1][i] = m.phoneNumberId();
            columns[2][i] = m.displayPhoneNumber();
            columns[3][i] = m.customerWaId();
            columns[4][i] = m.customerName();
            columns[5][i] = m.sentAt().toString();
            i++;
        }
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_CONVERSATIONS)) {
                statement.setString(1, channel);
                bindTextArrays(statement, connection, 2, columns);
                return statement.executeUpdate();
            }
        });
    }

    /** Imported messages also mark their conversation {@code import_pending}, whatever its channel (V101). */
    private static final String UPSERT_CONVERSATIONS =
            """
            with ch as (select cast(? as text) as channel)
            insert into conversation (id, channel, phone_number_id, display_phone_number, customer_wa_id,
                customer_name, last_message_at, pending_extraction, import_pending)
            select c.id, ch.channel, c.phone_number_id, c.display_phone_number, c.customer_wa_id, c.customer_name,
                c.last_message_at::timestamptz, true, ch.channel = 'export'
            from ch, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                as c(id, phone_number_id, display_phone_number, customer_wa_id, customer_name, last_message_at)
            order by c.id
            on conflict (id) do update set
                display_phone_number = coalesce(excluded.display_phone_number, conversation.display_phone_number),
                customer_name = coalesce(excluded.customer_name, conversation.customer_name),
                last_message_at = greatest(conversation.last_message_at, excluded.last_message_at),
                pending_extraction = true,
                import_pending = conversation.import_pending or excluded.import_pending""";

    /** A batch of messages as rows, from eleven parallel arrays (see {@link #columns}). */
    private static final String INSERT_NEW_MESSAGES =
            """
            insert into message (channel, external_id, conversation_id, direction, sender, sender_name, type,
                text, media, context, sent_at, inbox_id, payload)
            select ?, m.external_id, m.conversation_id, m.direction, m.sender, m.sender_name, m.type,
                m.text, m.media::jsonb, m.context::jsonb, m.sent_at::timestamptz, ?, m.payload::jsonb
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[])
                as m(external_id, conversation_id, direction, sender, sender_name, type, text, media, context,
                    sent_at, payload)""";

    /** The same, skipping the messages stored before and saying which were not. */
    private static final String INSERT_MESSAGES = INSERT_NEW_MESSAGES
            + """

            order by m.external_id
            on conflict (channel, external_id) do nothing
            returning external_id""";

    /**
     * One statement for the whole batch (arrays, not one insert per message: an import stores hundreds
     * per chunk), in id order so concurrent normalisers take index locks in the same order.
     *
     * @return the messages that were not stored before
     */
    private List<InboundMessage> insertMessages(long inboxId, String channel, List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        String[][] columns = columns(messages);
        Set<String> inserted = new HashSet<>(jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_MESSAGES)) {
                bind(statement, connection, inboxId, channel, columns);
                List<String> ids = new ArrayList<>(messages.size());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        }));
        List<InboundMessage> fresh = new ArrayList<>(inserted.size());
        for (InboundMessage m : messages) {
            if (inserted.remove(m.externalId())) { // remove: a payload naming one id twice stores it once
                fresh.add(m);
            }
        }
        return fresh;
    }

    private static void bind(
            PreparedStatement statement, Connection connection, long inboxId, String channel, String[][] columns)
            throws SQLException {
        statement.setString(1, channel);
        statement.setLong(2, inboxId);
        bindTextArrays(statement, connection, 3, columns);
    }

    /** Binds each column as a {@code text[]} parameter, from parameter {@code first} on, for {@code unnest}. */
    private static void bindTextArrays(
            PreparedStatement statement, Connection connection, int first, String[][] columns) throws SQLException {
        for (int c = 0; c < columns.length; c++) {
            statement.setArray(first + c, connection.createArrayOf("text", columns[c]));
        }
    }

    /** The statements' eleven arrays, one element per message. */
    private String[][] columns(List<InboundMessage> messages) {
        int n = messages.size();
        String[][] columns = new String[11][n];
        for (int i = 0; i < n; i++) {
            InboundMessage m = messages.get(i);
            columns[0][i] = m.externalId();
            columns[1][i] = m.conversationId();
            columns[2][i] = m.outbound() ? "out" : "in";
            columns[3][i] = m.outbound() ? m.phoneNumberId() : m.customerWaId();
            columns[4][i] = m.senderName();
            columns[5][i] = m.type();
            columns[6][i] = m.text();
            columns[7][i] = nullable(m.media());
            columns[8][i] = nullable(m.context());
            columns[9][i] = m.sentAt().toString();
            columns[10][i] = text(m.payload());
        }
        return columns;
    }

    private void insertStatuses(long inboxId, List<StatusUpdate> statuses) {
        jdbc.batchUpdate(
                """
                        insert into message_status (message_external_id, status, occurred_at, recipient_id, errors,
                            payload, inbox_id)
                        values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
                        on conflict (message_external_id, status) do nothing""",
                statuses,
                statuses.size(),
                (ps, s) -> {
                    ps.setString(1, s.messageExternalId());
                    ps.setString(2, s.status());
                    ps.setTimestamp(3, Timestamp.from(s.occurredAt()));
                    ps.setString(4, s.recipientId());
                    ps.setString(5, nullable(s.errors()));
                    ps.setString(6, text(s.payload()));
                    ps.setLong(7, inboxId);
                });
        // statuses arrive out of order: an outbound message only ever moves forward (sent < delivered < read)
        jdbc.batchUpdate(
                """
                        update message set delivery_state = ?
                        where channel = ? and external_id = ? and direction = 'out'
                          and coalesce(array_position(array['sent','delivered','read','played'], delivery_state), 0)
                              < coalesce(array_position(array['sent','delivered','read','played'], ?), 99)""",
                statuses,
                statuses.size(),
                (ps, s) -> {
                    ps.setString(1, s.status());
                    ps.setString(2, WHATSAPP);
                    ps.setString(3, s.messageExternalId());
                    ps.setString(4, s.status());
                });
    }

    private void insertErrors(long inboxId, List<WebhookError> errors) {
        jdbc.batchUpdate(
                """
                        insert into webhook_error (inbox_id, phone_number_id, code, title, payload)
                        values (?, ?, ?, ?, ?::jsonb)""",
                errors,
                errors.size(),
                (ps, e) -> {
                    ps.setLong(1, inboxId);
                    ps.setString(2, e.phoneNumberId());
                    ps.setInt(3, e.code());
                    ps.setString(4, e.title());
                    ps.setString(5, text(e.payload()));
                });
    }

    private String nullable(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : text(node);
    }

    private String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
