package io.chatbridge.connector.sheets;

import io.chatbridge.common.BindingProblems;
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

    public List<BindingProblems.Problem> openProblems() {
        return BindingProblems.open(jdbc, "sheets_problem");
    }
}
