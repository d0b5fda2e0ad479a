package io.chatbridge.connector.whatsapp;

import static io.chatbridge.common.Columns.instant;
import static io.chatbridge.common.Columns.timestamp;
import static io.chatbridge.common.Columns.truncatedError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbound_message} table. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and held
 * under a lease while the API call runs, like deliveries; times come from the application clock so
 * tests can move it.
 */
@Repository
class OutboundRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    OutboundRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** False when a message with this key already exists: the same message is never queued twice. */
    boolean insert(OutboundRequest r, Instant now) {
        Instant due = r.notBefore() != null && r.notBefore().isAfter(now) ? r.notBefore() : now;
        return jdbc.sql(
                                """
                        insert into outbound_message (idempotency_key, purpose, phone_number_id, recipient,
                            conversation_id, record_id, detail, language, body, template, next_attempt_at, created_at,
                            updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                        on conflict (idempotency_key) do nothing""")
                        .params(
                                r.idempotencyKey(),
                                r.purpose(),
                                r.phoneNumberId(),
                                r.recipient(),
                                r.conversationId(),
                                r.recordId(),
                                r.detail(),
                                r.language(),
                                r.body(),
                                r.template() == null ? null : text(r.template()),
                                timestamp(due),
                                timestamp(now),
                                timestamp(now))
                        .update()
                > 0;
    }

    List<ClaimedMessage> claim(int limit, Instant now, Instant leaseUntil, String claimant) {
        return jdbc.sql(
                        """
                        update outbound_message m set state = 'in_flight', claimed_by = ?, lease_until = ?,
                            updated_at = ?
                        from (select id, state = 'in_flight' as expired from outbound_message
                              where (state = 'pending' and next_attempt_at <= ?)
                                 or (state = 'in_flight' and lease_until < ?)
                              order by next_attempt_at, id limit ? for update skip locked) due
                        where m.id = due.id
                        returning m.id, m.idempotency_key, m.purpose, m.phone_number_id, m.recipient, m.conversation_id,
                            m.record_id, m.detail, m.body, m.template, m.attempts, due.expired, m.uncertain_since""")
                .params(claimant, timestamp(leaseUntil), timestamp(now), timestamp(now), timestamp(now), limit)
                .query(this::claimed)
                .list();
    }

    void markAccepted(long id, String claimant, String wamid, String sentAs, Instant now) {
        jdbc.sql(
                        """
                        update outbound_message set uncertain_since = null, echo_inbox_until = null, wamid = ?, sent_as = ?, sent_at = ?,
                            state = coalesce((select status from message_status where message_external_id = ?
                                order by array_position(array['sent','delivered','read','played','failed'], status) desc
                                limit 1), 'accepted'),
                            attempts = attempts + 1, lease_until = null, claimed_by = null, last_error = null,
                            error_code = null, updated_at = ?
                        where id = ? and claimed_by = ?""")
                .params(wamid, sentAs, timestamp(now), wamid, timestamp(now), id, claimant)
                .update();
    }

    /** Sending is off: the message is kept, with what would have gone out, and never retried. */
    void markFinal(long id, String claimant, String state, String sentAs, String reason, Integer code, Instant now) {
        jdbc.sql(
                        """
                        update outbound_message set uncertain_since = null, echo_inbox_until = null, state = ?, sent_as = coalesce(?, sent_as), last_error = ?,
                            error_code = ?, lease_until = null, claimed_by = null, updated_at = ?
                        where id = ? and claimed_by = ?""")
                .params(state, sentAs, truncatedError(reason), code, timestamp(now), id, claimant)
                .update();
    }

    void markRetry(
            long id, String claimant, String error, Integer code, Instant next, boolean countAttempt, Instant now) {
        jdbc.sql(
                        """
                        update outbound_message set uncertain_since = null, echo_inbox_until = null, state = 'pending', next_attempt_at = ?,
                            attempts = attempts + ?, last_error = ?, error_code = ?, lease_until = null,
                            claimed_by = null, updated_at = ?
                        where id = ? and claimed_by = ?""")
                .params(
                        timestamp(next),
                        countAttempt ? 1 : 0,
                        truncatedError(error),
                        code,
                        timestamp(now),
                        id,
                        claimant)
                .update();
    }

    /**
     * Back to the queue until {@code next} without counting an attempt, remembering since when it has
     * been uncertain whether the message already went out.
     */
    void markUncertain(long id, String claimant, Instant since, Instant next, String reason, Instant now) {
        jdbc.sql(
                        """
                        update outbound_message set state = 'pending', next_attempt_at = ?, uncertain_since = ?,
                            last_error = ?, lease_until = null, claimed_by = null, updated_at = ?
                        where id = ? and claimed_by = ?""")
                .params(timestamp(next), timestamp(since), reason, timestamp(now), id, claimant)
                .update();
    }

    /**
     * Whether a WhatsApp webhook that had arrived when this message's status wait ended is still unread
     * (it may hold the echo). The first call fixes that moment as the newest inbox id; webhooks that
     * arrive later do not count, or steady traffic would keep the message waiting to the end of
     * {@code crash-max-wait}. An insert with a smaller id that commits later still counts.
     */
    boolean webhooksUnreadFromBefore(long id) {
        return jdbc.sql(
                        """
                        with cut as (
                            update outbound_message
                            set echo_inbox_until = coalesce(echo_inbox_until, (select coalesce(max(id), 0) from inbox))
                            where id = ? returning echo_inbox_until)
                        select exists (select 1 from inbox, cut
                            where inbox.state = 'received' and inbox.channel = 'whatsapp'
                                and inbox.id <= cut.echo_inbox_until)""")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    /** WhatsApp said the window is closed: the same message goes out as its template, at once. */
    void switchToTemplate(long id, String claimant, String error, Instant now) {
        jdbc.sql(
                        """
                        update outbound_message set uncertain_since = null, echo_inbox_until = null, state = 'pending', body = null, next_attempt_at = ?,
                            last_error = ?, error_code = ?, lease_until = null, claimed_by = null, updated_at = ?
                        where id = ? and claimed_by = ?""")
                .params(
                        timestamp(now),
                        truncatedError(error),
                        WhatsAppSendException.REENGAGEMENT,
                        timestamp(now),
                        id,
                        claimant)
                .update();
    }

    /**
     * A status from the webhook: the state only moves forward (accepted &lt; sent &lt; delivered &lt; read),
     * except {@code failed}, which WhatsApp may report after {@code sent}.
     */
    int applyStatus(String wamid, String status, Integer errorCode, String error, Instant now) {
        return jdbc.sql(
                        """
                        update outbound_message set uncertain_since = null, echo_inbox_until = null, state = ?, error_code = coalesce(?, error_code),
                            last_error = coalesce(?, last_error), updated_at = ?
                        where wamid = ? and state <> ? and (? = 'failed'
                            or coalesce(array_position(array['accepted','sent','delivered','read','played'], state), 0)
                               < coalesce(array_position(array['accepted','sent','delivered','read','played'], ?), 0))""")
                .params(status, errorCode, truncatedError(error), timestamp(now), wamid, status, status, status)
                .update();
    }

    /** A message whose sender crashed after the API took it: a status may already carry our key. */
    Optional<String> wamidFromStatuses(String idempotencyKey) {
        return jdbc.sql(
                        """
                        select message_external_id from message_status
                        where payload ->> 'biz_opaque_callback_data' = ? limit 1""")
                .param(idempotencyKey)
                .query(String.class)
                .optional();
    }

    Optional<OutboundMessage> find(long id) {
        return jdbc.sql("select * from outbound_message where id = ?")
                .param(id)
                .query(this::view)
                .optional();
    }

    Optional<OutboundMessage> findByKey(String key) {
        return jdbc.sql("select * from outbound_message where idempotency_key = ?")
                .param(key)
                .query(this::view)
                .optional();
    }

    List<OutboundMessage> list(String state, String purpose, int limit) {
        return jdbc.sql(
                        """
                        select * from outbound_message
                        where (cast(? as text) is null or state = ?) and (cast(? as text) is null or purpose = ?)
                        order by id desc limit ?""")
                .params(state, state, purpose, purpose, limit)
                .query(this::view)
                .list();
    }

    boolean replay(long id, Instant now) {
        return jdbc.sql(
                                """
                        update outbound_message set uncertain_since = null, echo_inbox_until = null, state = 'pending', attempts = 0, next_attempt_at = ?,
                            last_error = null, error_code = null, updated_at = ?
                        where id = ? and state in ('dead', 'failed', 'not_sent')""")
                        .params(timestamp(now), timestamp(now), id)
                        .update()
                > 0;
    }

    private ClaimedMessage claimed(ResultSet rs, int n) throws SQLException {
        long recordId = rs.getLong("record_id");
        Long record = rs.wasNull() ? null : recordId;
        return new ClaimedMessage(
                rs.getLong("id"),
                rs.getString("idempotency_key"),
                rs.getString("purpose"),
                rs.getString("phone_number_id"),
                rs.getString("recipient"),
                rs.getString("conversation_id"),
                record,
                rs.getString("detail"),
                rs.getString("body"),
                tree(rs.getString("template")),
                rs.getInt("attempts"),
                rs.getBoolean("expired"),
                instant(rs.getTimestamp("uncertain_since")));
    }

    private OutboundMessage view(ResultSet rs, int n) throws SQLException {
        long recordId = rs.getLong("record_id");
        Long record = rs.wasNull() ? null : recordId;
        int code = rs.getInt("error_code");
        Integer errorCode = rs.wasNull() ? null : code;
        return new OutboundMessage(
                rs.getLong("id"),
                rs.getString("idempotency_key"),
                rs.getString("purpose"),
                rs.getString("phone_number_id"),
                rs.getString("recipient"),
                rs.getString("conversation_id"),
                record,
                rs.getString("detail"),
                rs.getString("body"),
                rs.getString("template"),
                rs.getString("state"),
                rs.getString("sent_as"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("wamid"),
                errorCode,
                rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")));
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
