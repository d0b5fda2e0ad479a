package io.chatbridge.record;

import static io.chatbridge.common.Columns.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.extract.RecordDraft;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain JDBC over {@code record}, {@code record_change}, {@code record_conflict} and {@code record_sequence}. */
@Repository
class RecordRepository {

    static final String COLUMNS =
            "id, human_id, type, business_key, fields, sources, confidence, status, complete, version";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ObjectMapper json;

    RecordRepository(JdbcClient jdbc, JdbcTemplate template, ObjectMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    Optional<StoredRecord> findByAnchorForUpdate(String type, String conversationId, String anchor) {
        return jdbc.sql("select " + COLUMNS + " from record where type = ? and conversation_id = ? "
                        + "and anchor_message_id = ? for update")
                .params(type, conversationId, anchor)
                .query(this::stored)
                .optional();
    }

    Optional<StoredRecord> findByBusinessKeyForUpdate(String type, String businessKey) {
        return jdbc.sql("select " + COLUMNS + " from record where type = ? and business_key = ? for update")
                .params(type, businessKey)
                .query(this::stored)
                .optional();
    }

    Optional<StoredRecord> findByHumanIdForUpdate(String humanId) {
        return jdbc.sql("select " + COLUMNS + " from record where human_id = ? for update")
                .param(humanId)
                .query(this::stored)
                .optional();
    }

    boolean businessKeyTaken(String type, String businessKey, long exceptId) {
        return jdbc.sql("select exists(select 1 from record where type = ? and business_key = ? and id <> ?)")
                .params(type, businessKey, exceptId)
                .query(Boolean.class)
                .single();
    }

    /** Next human id of a type ({@code BK-0042}); numbers are never reused. */
    String nextHumanId(String type, String prefix) {
        long number = jdbc.sql(
                        """
                        insert into record_sequence (type, next) values (?, 2)
                        on conflict (type) do update set next = record_sequence.next + 1
                        returning next - 1""")
                .param(type)
                .query(Long.class)
                .single();
        return humanId(prefix, number);
    }

    static String humanId(String prefix, long number) {
        return String.format("%s-%04d", prefix, number);
    }

    Optional<Long> insert(
            String humanId,
            RecordDraft draft,
            String conversationId,
            String customerPhone,
            JsonNode fields,
            JsonNode sources,
            JsonNode confidence,
            JsonNode missing) {
        return jdbc.sql(
                        """
                        insert into record (human_id, type, business_key, conversation_id, anchor_message_id,
                            customer_phone, fields, sources, confidence, complete, missing)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb)
                        on conflict do nothing
                        returning id""")
                .params(
                        humanId,
                        draft.type(),
                        draft.businessKey(),
                        conversationId,
                        draft.anchorMessageId(),
                        customerPhone,
                        text(fields),
                        text(sources),
                        text(confidence),
                        draft.complete(),
                        text(missing))
                .query(Long.class)
                .optional();
    }

    long insertFromConnector(String humanId, String type, String businessKey, JsonNode fields, String status) {
        return jdbc.sql(
                        """
                        insert into record (human_id, type, business_key, fields, status, complete)
                        values (?, ?, ?, ?::jsonb, ?, true)
                        returning id""")
                .params(humanId, type, businessKey, text(fields), status)
                .query(Long.class)
                .single();
    }

    void update(
            long id,
            String businessKey,
            ObjectNode fields,
            ObjectNode sources,
            ObjectNode confidence,
            String status,
            boolean complete,
            JsonNode missing,
            int version) {
        jdbc.sql(
                        """
                        update record set business_key = ?, fields = ?::jsonb, sources = ?::jsonb,
                            confidence = ?::jsonb, status = ?, complete = ?, missing = coalesce(?::jsonb, missing),
                            version = ?, updated_at = now()
                        where id = ?""")
                .params(
                        businessKey,
                        text(fields),
                        text(sources),
                        text(confidence),
                        status,
                        complete,
                        missing == null ? null : text(missing),
                        version,
                        id)
                .update();
    }

    void insertChanges(long recordId, int version, String origin, String cause, List<FieldChange> changes) {
        template.batchUpdate(
                """
                        insert into record_change (record_id, version, field, old_value, new_value, origin, cause)
                        values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)""",
                changes,
                changes.size(),
                (ps, change) -> {
                    ps.setLong(1, recordId);
                    ps.setInt(2, version);
                    ps.setString(3, change.field());
                    ps.setString(4, change.oldValue().isNull() ? null : text(change.oldValue()));
                    ps.setString(5, change.newValue().isNull() ? null : text(change.newValue()));
                    ps.setString(6, origin);
                    ps.setString(7, cause);
                });
    }

    void insertConflict(
            long recordId,
            String field,
            String owner,
            String origin,
            JsonNode current,
            JsonNode proposed,
            String cause) {
        jdbc.sql(
                        """
                        insert into record_conflict (record_id, field, owner, origin, current_value, proposed_value, cause)
                        values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")
                .params(recordId, field, owner, origin, text(current), text(proposed), cause)
                .update();
    }

    List<RecordSnapshot> snapshots(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        select id, human_id, type, version, status, complete, fields, customer_phone,
                            conversation_id, created_at, updated_at
                        from record where id = any(?) order by id""")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> new RecordSnapshot(
                        rs.getLong("id"),
                        rs.getString("human_id"),
                        rs.getString("type"),
                        rs.getInt("version"),
                        rs.getString("status"),
                        rs.getBoolean("complete"),
                        map(rs.getString("fields")),
                        rs.getString("customer_phone"),
                        rs.getString("conversation_id"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at"))))
                .list();
    }

    StoredRecord stored(ResultSet rs, int row) throws SQLException {
        return new StoredRecord(
                rs.getLong("id"),
                rs.getString("human_id"),
                rs.getString("type"),
                rs.getString("business_key"),
                object(rs.getString("fields")),
                object(rs.getString("sources")),
                object(rs.getString("confidence")),
                rs.getString("status"),
                rs.getBoolean("complete"),
                rs.getInt("version"));
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record column is not a JSON object", e);
        }
    }

    Map<String, Object> map(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record fields are not a JSON object", e);
        }
    }

    String text(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
