package io.chatbridge.connector.excel;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What an admin needs to see about the workbook bindings: a workbook open in Excel (deliveries wait),
 * a file that is not an .xlsx, a missing sheet or header, deleted rows and duplicate ids.
 */
@Service
public class ExcelStatus {

    private final JdbcClient jdbc;

    ExcelStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Problem> openProblems() {
        return jdbc.sql(
                        """
                        select binding, kind, human_id, detail, created_at from excel_problem
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
