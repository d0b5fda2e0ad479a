package io.chatbridge.connector.excel;

import io.chatbridge.common.BindingProblems;
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

    public List<BindingProblems.Problem> openProblems() {
        return BindingProblems.open(jdbc, "excel_problem");
    }
}
