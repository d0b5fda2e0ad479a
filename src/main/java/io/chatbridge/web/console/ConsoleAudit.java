package io.chatbridge.web.console;

import static io.chatbridge.common.Columns.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Who changed what in the console ({@code audit_log}). Every console action that changes something
 * calls {@link #record}: sign-ins, field edits, user changes, replays, approvals, mapping saves. It
 * writes in the caller's transaction when there is one, so an audited change and its entry commit
 * together.
 */
@Service
public class ConsoleAudit {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ConsoleAudit(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records an action by the signed-in user (e.g. {@code record("replay", "delivery 42", Map.of())}). */
    public void record(String action, String target, Map<String, ?> detail) {
        record(currentUser(), action, target, detail);
    }

    public void record(String username, String action, String target, Map<String, ?> detail) {
        try {
            jdbc.sql("insert into audit_log (username, action, target, detail) values (?, ?, ?, ?::jsonb)")
                    .params(username, action, target, json.writeValueAsString(detail))
                    .update();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON-serialisable", e);
        }
    }

    /** The newest entries about one target (a record's human id, a username), newest first. */
    public List<Entry> forTarget(String target, int limit) {
        return jdbc.sql("select * from audit_log where target = ? order by at desc, id desc limit ?")
                .params(target, limit)
                .query(ConsoleAudit::entry)
                .list();
    }

    /** The newest entries of all, newest first. */
    public List<Entry> recent(int limit) {
        return jdbc.sql("select * from audit_log order by at desc, id desc limit ?")
                .param(limit)
                .query(ConsoleAudit::entry)
                .list();
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(
                instant(rs.getTimestamp("at")),
                rs.getString("username"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("detail"));
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** One audit entry; {@code detail} is its JSON text. */
    public record Entry(Instant at, String username, String action, String target, String detail) {}
}
