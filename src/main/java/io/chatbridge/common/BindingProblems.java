package io.chatbridge.common;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The open problems of a connector's bindings (a stopped tab, an open workbook, deleted rows,
 * duplicate ids), read the same way for every connector that keeps a {@code <connector>_problem} table.
 */
public final class BindingProblems {

    private BindingProblems() {}

    /** @param table the connector's problem table, a constant of the connector (never user input) */
    public static List<Problem> open(JdbcClient jdbc, String table) {
        return jdbc.sql("select binding, kind, human_id, detail, created_at from " + table
                        + " where resolved_at is null order by id")
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
