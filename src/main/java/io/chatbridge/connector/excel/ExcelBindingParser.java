package io.chatbridge.connector.excel;

import io.chatbridge.mapping.ConnectorSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads {@code connectors.excel} of a mapping into an {@link ExcelBinding}. A workbook path that
 * resolves to nothing ({@code ${BOOKINGS_WORKBOOK:}} while the variable is unset) means "not bound
 * yet", which is not an error.
 *
 * <pre>
 * excel:
 *   workbook: ${BOOKINGS_WORKBOOK:}
 *   sheet: Bookings
 *   columns: {Booking ID: id, Date: event_date, Status: status}
 *   new-status: new
 * </pre>
 */
public final class ExcelBindingParser {

    /** A parse: the binding (absent while unbound or broken) and the problems found. */
    public record Result(Optional<ExcelBinding> binding, List<String> problems) {}

    public static final Set<String> KEYS = Set.of("workbook", "sheet", "columns", "new-status");

    private final UnaryOperator<String> environment;

    public ExcelBindingParser(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * @param ownedByExcel whether a field's owners include {@code excel}
     * @param types field to its type name
     */
    public Result parse(
            String type, Map<String, Object> settings, Predicate<String> ownedByExcel, Map<String, String> types) {
        List<String> problems = new ArrayList<>();
        String where = "mapping '" + type + "', connectors.excel: ";
        settings.keySet().stream()
                .filter(k -> !KEYS.contains(k))
                .forEach(k -> problems.add(where + "unknown setting `" + k + "` (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")"));
        String workbook = ConnectorSettings.resolve(text(settings.get("workbook")), environment);
        String sheet = text(settings.get("sheet"));
        Map<String, String> columns = ConnectorSettings.columns(settings.get("columns"), where, problems);
        if (sheet == null || sheet.isBlank()) {
            problems.add(where + "`sheet` is missing: write the sheet's name as it appears on its tab in Excel");
        }
        if (!columns.isEmpty() && !columns.containsValue(ExcelBinding.ID_FIELD)) {
            problems.add(
                    where
                            + "no column is mapped to `id`; add one, e.g. `Booking ID: id`, so rows can be found after sorting");
        }
        ConnectorSettings.checkFields(columns, types, where, problems);
        Path path = path(workbook, where, problems);
        if (!problems.isEmpty() || path == null) {
            return new Result(Optional.empty(), problems);
        }
        Set<String> owned = new LinkedHashSet<>();
        columns.values().stream().filter(ownedByExcel).forEach(owned::add);
        String newStatus = Optional.ofNullable(text(settings.get("new-status"))).orElse("new");
        return new Result(Optional.of(new ExcelBinding(type, path, sheet, columns, owned, types, newStatus)), problems);
    }

    private static Path path(String workbook, String where, List<String> problems) {
        if (workbook == null || workbook.isBlank()) {
            return null;
        }
        String trimmed = workbook.trim();
        if (!trimmed.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
            problems.add(where + "`workbook` must be an .xlsx file, not `" + trimmed + "`");
            return null;
        }
        try {
            return Path.of(trimmed).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(where + "`workbook` is not a usable path: " + e.getMessage());
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
