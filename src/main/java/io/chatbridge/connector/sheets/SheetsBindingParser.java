package io.chatbridge.connector.sheets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");

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
        Map<String, String> columns = columns(settings.get("columns"), where, problems);
        if (tab == null || tab.isBlank()) {
            problems.add(where + "`tab` is missing: write the tab's name as it appears at the bottom of the sheet");
        }
        if (!columns.isEmpty() && !columns.containsValue(SheetsBinding.ID_FIELD)) {
            problems.add(
                    where
                            + "no column is mapped to `id`; add one, e.g. `Booking ID: id`, so rows can be found after sorting");
        }
        for (Map.Entry<String, String> column : columns.entrySet()) {
            String field = column.getValue();
            if (!SheetsBinding.ID_FIELD.equals(field)
                    && !SheetsBinding.STATUS_FIELD.equals(field)
                    && !types.isEmpty()
                    && !types.containsKey(field)) {
                problems.add(where + "column `" + column.getKey() + "` names field `" + field
                        + "`, which the mapping does not have");
            }
        }
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

    private static Map<String, String> columns(Object node, String where, List<String> problems) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (!(node instanceof Map<?, ?> map) || map.isEmpty()) {
            problems.add(
                    where + "`columns` is missing: list each header and the field it shows, e.g. `Date: event_date`");
            return columns;
        }
        map.forEach((header, field) -> {
            if (field == null || String.valueOf(header).isBlank()) {
                problems.add(where + "column `" + header + "` needs a field name after the colon");
            } else if (columns.containsValue(String.valueOf(field)) && !"".equals(field)) {
                problems.add(where + "field `" + field + "` is mapped to two columns");
            } else {
                columns.put(String.valueOf(header), String.valueOf(field));
            }
        });
        return columns;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Replaces {@code ${NAME}} and {@code ${NAME:default}} from the environment. */
    String resolve(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = environment.apply(m.group(1));
            String replacement = found != null ? found : m.group(2) != null ? m.group(2) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
