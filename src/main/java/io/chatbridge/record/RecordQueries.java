package io.chatbridge.record;

import static io.chatbridge.common.Columns.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read side of records for the API: search and the full view of one record. */
@Service
public class RecordQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RecordQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every filter is optional; {@code q} matches the human id and any field value. */
    public List<RecordView> search(String type, String phone, String q, Instant from, Instant to, int limit) {
        return jdbc.sql(
                        """
                        select * from record
                        where (cast(? as text) is null or type = ?)
                          and (cast(? as text) is null or customer_phone = ? or fields ->> 'phone' = ?)
                          and (cast(? as text) is null or human_id ilike ? or fields::text ilike ?)
                          and (cast(? as timestamptz) is null or updated_at >= ?)
                          and (cast(? as timestamptz) is null or updated_at < ?)
                        order by updated_at desc, id desc limit ?""")
                .params(
                        type,
                        type,
                        phone,
                        phone,
                        phone,
                        q,
                        like(q),
                        like(q),
                        timestamp(from),
                        timestamp(from),
                        timestamp(to),
                        timestamp(to),
                        limit)
                .query((rs, n) -> view(rs, List.of(), List.of()))
                .list();
    }

    public Optional<RecordView> find(String humanId) {
        Optional<RecordView> base = jdbc.sql("select * from record where human_id = ?")
                .param(humanId)
                .query((rs, n) -> view(rs, List.of(), List.of()))
                .optional();
        return base.map(r -> withDetails(r));
    }

    private RecordView withDetails(RecordView r) {
        List<RecordView.Change> history = jdbc.sql(
                        """
                        select version, field, old_value, new_value, origin, cause, changed_at
                        from record_change where record_id = ? order by id""")
                .param(r.id())
                .query((rs, n) -> new RecordView.Change(
                        rs.getInt("version"),
                        rs.getString("field"),
                        value(rs.getString("old_value")),
                        value(rs.getString("new_value")),
                        rs.getString("origin"),
                        rs.getString("cause"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
        Set<String> messageIds = new LinkedHashSet<>();
        r.sources().values().forEach(source -> {
            if (source instanceof Map<?, ?> map && map.get("messageId") != null) {
                messageIds.add(map.get("messageId").toString());
            }
        });
        List<RecordView.SourceMessage> messages = messageIds.isEmpty()
                ? List.of()
                : jdbc.sql(
                                """
                        select external_id, sent_at, text from message where external_id = any(?) order by sent_at""")
                        .param(messageIds.toArray(String[]::new))
                        .query((rs, n) -> new RecordView.SourceMessage(
                                rs.getString("external_id"),
                                rs.getTimestamp("sent_at").toInstant(),
                                rs.getString("text")))
                        .list();
        return new RecordView(
                r.id(),
                r.humanId(),
                r.type(),
                r.status(),
                r.version(),
                r.complete(),
                r.missing(),
                r.businessKey(),
                r.conversationId(),
                r.customerPhone(),
                r.fields(),
                r.sources(),
                r.confidence(),
                r.createdAt(),
                r.updatedAt(),
                history,
                messages);
    }

    @SuppressWarnings("unchecked")
    private RecordView view(ResultSet rs, List<RecordView.Change> history, List<RecordView.SourceMessage> messages)
            throws SQLException {
        return new RecordView(
                rs.getLong("id"),
                rs.getString("human_id"),
                rs.getString("type"),
                rs.getString("status"),
                rs.getInt("version"),
                rs.getBoolean("complete"),
                (List<String>) value(rs.getString("missing")),
                rs.getString("business_key"),
                rs.getString("conversation_id"),
                rs.getString("customer_phone"),
                (Map<String, Object>) value(rs.getString("fields")),
                (Map<String, Object>) value(rs.getString("sources")),
                (Map<String, Object>) value(rs.getString("confidence")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                history,
                messages);
    }

    private Object value(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String like(String q) {
        return q == null
                ? null
                : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
