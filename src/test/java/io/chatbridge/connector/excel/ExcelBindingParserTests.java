package io.chatbridge.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExcelBindingParserTests {

    static final Map<String, String> TYPES = Map.of("event_date", "date", "status", "text", "guests", "integer");

    @Test
    void aWorkbookFromTheEnvironmentBindsTheSheetWithOwnedColumns() {
        ExcelBindingParser parser =
                new ExcelBindingParser(name -> "BOOKINGS_WORKBOOK".equals(name) ? "/srv/b.xlsx" : null);

        ExcelBindingParser.Result result =
                parser.parse("booking", settings("${BOOKINGS_WORKBOOK:}"), "status"::equals, TYPES);

        assertThat(result.problems()).isEmpty();
        ExcelBinding binding = result.binding().orElseThrow();
        assertThat(binding.workbook()).isEqualTo(Path.of("/srv/b.xlsx"));
        assertThat(binding.sheet()).isEqualTo("Bookings");
        assertThat(binding.idHeader()).isEqualTo("Booking ID");
        assertThat(binding.owned()).containsExactly("status");
        assertThat(binding.newStatus()).isEqualTo("new");
    }

    @Test
    void anUnsetOrEmptyWorkbookMeansNotBoundAndIsNoProblem() {
        ExcelBindingParser unset = new ExcelBindingParser(name -> null);
        ExcelBindingParser empty = new ExcelBindingParser(name -> "");

        assertThat(unset.parse("booking", settings("${BOOKINGS_WORKBOOK:}"), f -> false, TYPES))
                .satisfies(r -> assertThat(r.binding()).isEmpty())
                .satisfies(r -> assertThat(r.problems()).isEmpty());
        assertThat(empty.parse("booking", settings("${BOOKINGS_WORKBOOK}"), f -> false, TYPES)
                        .binding())
                .isEmpty();
    }

    @Test
    void mistakesAreReportedInWordsAnAdminUnderstands() {
        Map<String, Object> settings = new LinkedHashMap<>(settings("/srv/bookings.csv"));
        settings.put("tab", "Bookings");
        settings.remove("sheet");
        settings.put("columns", Map.of("Date", "event_date", "Pax", "people"));

        ExcelBindingParser.Result result =
                new ExcelBindingParser(name -> null).parse("booking", settings, f -> false, TYPES);

        assertThat(result.binding()).isEmpty();
        assertThat(result.problems())
                .anyMatch(p -> p.contains("unknown setting `tab`"))
                .anyMatch(p -> p.contains("`sheet` is missing"))
                .anyMatch(p -> p.contains("no column is mapped to `id`"))
                .anyMatch(p -> p.contains("field `people`"))
                .anyMatch(p -> p.contains("must be an .xlsx file"));
    }

    static Map<String, Object> settings(String workbook) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("Booking ID", "id");
        columns.put("Date", "event_date");
        columns.put("Guests", "guests");
        columns.put("Status", "status");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("workbook", workbook);
        settings.put("sheet", "Bookings");
        settings.put("columns", columns);
        return settings;
    }
}
