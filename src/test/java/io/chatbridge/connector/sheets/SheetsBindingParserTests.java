package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SheetsBindingParserTests {

    private final SheetsBindingParser parser =
            new SheetsBindingParser(name -> "BOOKINGS_SPREADSHEET_ID".equals(name) ? "1AbC" : null);

    @Test
    void readsTheBindingWithTheSpreadsheetIdFromTheEnvironmentAndSheetOwnedFieldsFromTheOwners() {
        SheetsBindingParser.Result result = parser.parse(
                "booking",
                settings("${BOOKINGS_SPREADSHEET_ID}"),
                "status"::equals,
                Map.of("guests", "integer", "customer_name", "text"));

        assertThat(result.problems()).isEmpty();
        SheetsBinding binding = result.binding().orElseThrow();
        assertThat(binding.spreadsheetId()).isEqualTo("1AbC");
        assertThat(binding.idHeader()).isEqualTo("Booking ID");
        assertThat(binding.sheetOwned()).containsExactly("status");
        assertThat(binding.dataHeaders()).containsExactly("Guests", "Name", "Status");
        assertThat(binding.newStatus()).isEqualTo("new");
    }

    @Test
    void anUnsetSpreadsheetIdMeansNotBoundYetAndIsNoProblem() {
        SheetsBindingParser.Result result =
                parser.parse("booking", settings("${ORDERS_SPREADSHEET_ID}"), field -> false, Map.of());

        assertThat(result.binding()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void explainsAMissingIdColumnAnUnknownFieldAndAnUnknownSetting() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spreadsheet", "x");
        settings.put("tab", "Bookings");
        settings.put("colums", Map.of());
        settings.put("columns", Map.of("Guests", "gusts"));

        List<String> problems = parser.parse("booking", settings, f -> false, Map.of("guests", "integer"))
                .problems();

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unknown setting `colums`"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("no column is mapped to `id`"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("`gusts`, which the mapping does not have"));
    }

    private static Map<String, Object> settings(String spreadsheet) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("Booking ID", "id");
        columns.put("Guests", "guests");
        columns.put("Name", "customer_name");
        columns.put("Status", "status");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spreadsheet", spreadsheet);
        settings.put("tab", "Bookings");
        settings.put("columns", columns);
        return settings;
    }
}
