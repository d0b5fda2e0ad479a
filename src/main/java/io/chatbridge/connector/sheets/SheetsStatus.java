package io.chatbridge.connector.sheets;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What an admin needs to see about the sheet bindings: bindings stopped by a renamed header or a
 * missing tab, and open problems such as deleted rows or duplicate ids.
 */
@Service
public class SheetsStatus {

    private final JdbcClient jdbc;

    SheetsStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Problem> openProblems() {
        return jdbc.sql(
                        """
                        select binding, kind, human_id, detail, created_at from sheets_problem
                        where resolved_at is null order by id""")
                .query((rs, n) -> new Problem(
                        rs.getString("binding"),
                        rs.getString("kind"),
                        rs.getString("human_id"),
                        rs.getString("detail"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public record Problem(String binding, String kind, String recordId, String detail, Instant since) {}
}
