package io.chatbridge.connector.sheets;

import io.chatbridge.mapping.ConnectorSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Reads the {@code connectors.sheets} section of a mapping into a {@link SheetsBinding}, with messages
 * an admin understands. {@code ${NAME}} placeholders come from the environment; a spreadsheet id that
 * resolves to nothing means "not bound yet", which is not an error.
 *
 * <pre>
 * sheets:
 *   spreadsheet: ${BOOKINGS_SPREADSHEET_ID}
 *   tab: Bookings
 *   columns: {Booking ID: id, Date: event_date, Status: status, Notes: notes}
 *   new-status: new
 *   recreate-deleted: false
 * </pre>
 */
public final class SheetsBindingParser {

    /** A parse: the binding (absent while unbound or broken) and the problems found. */
    public record Result(Optional<SheetsBinding> binding, List<String> problems) {}

    private static final Set<String> KEYS = Set.of("spreadsheet", "tab", "columns", "new-status", "recreate-deleted");

    private final UnaryOperator<String> environment;

    public SheetsBindingParser(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /**
     * @param ownedBySheets whether a field is owned by {@code sheets}; those are the ones read back
     * @param types field to its type name
     */
    public Result parse(
            String type, Map<String, Object> settings, Predicate<String> ownedBySheets, Map<String, String> types) {
        List<String> problems = new ArrayList<>();
        String where = "mapping '" + type + "', connectors.sheets: ";
        settings.keySet().stream()
                .filter(k -> !KEYS.contains(k))
                .forEach(k -> problems.add(where + "unknown setting `" + k + "` (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")"));
        String spreadsheet = resolve(text(settings.get("spreadsheet")));
        String tab = text(settings.get("tab"));
        Map<String, String> columns = ConnectorSettings.columns(settings.get("columns"), where, problems);
        if (tab == null || tab.isBlank()) {
            problems.add(where + "`tab` is missing: write the tab's name as it appears at the bottom of the sheet");
        }
        if (!columns.isEmpty() && !columns.containsValue(SheetsBinding.ID_FIELD)) {
            problems.add(
                    where
                            + "no column is mapped to `id`; add one, e.g. `Booking ID: id`, so rows can be found after sorting");
        }
        ConnectorSettings.checkFields(columns, types, where, problems);
        if (!problems.isEmpty() || spreadsheet == null || spreadsheet.isBlank()) {
            return new Result(Optional.empty(), problems);
        }
        Set<String> owned = new LinkedHashSet<>();
        columns.values().stream().filter(ownedBySheets).forEach(owned::add);
        String newStatus = Optional.ofNullable(text(settings.get("new-status"))).orElse("new");
        boolean recreate = Boolean.parseBoolean(String.valueOf(settings.getOrDefault("recreate-deleted", "false")));
        return new Result(
                Optional.of(
                        new SheetsBinding(type, spreadsheet.trim(), tab, columns, owned, types, newStatus, recreate)),
                problems);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Replaces {@code ${NAME}} and {@code ${NAME:default}} from the environment. */
    String resolve(String value) {
        return ConnectorSettings.resolve(value, environment);
    }
}
