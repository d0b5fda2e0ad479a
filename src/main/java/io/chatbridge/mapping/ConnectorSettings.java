package io.chatbridge.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every spreadsheet-like connector section of a mapping shares: the {@code columns:} map (header
 * to field) and {@code ${NAME}} / {@code ${NAME:default}} placeholders filled from the environment. One
 * place, so the Google Sheets and the Excel sections read the same way and report problems alike.
 */
public final class ConnectorSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");

    private ConnectorSettings() {}

    /** Replaces {@code ${NAME}} and {@code ${NAME:default}} from the environment; null stays null. */
    public static String resolve(String value, UnaryOperator<String> environment) {
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

    /**
     * The {@code columns:} map, header to field in the order written; a problem (prefixed with
     * {@code where}) for a missing map, a header without a field, or a field mapped twice.
     */
    public static Map<String, String> columns(Object node, String where, List<String> problems) {
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

    /** Problems for columns that name a field the record type does not have ({@code id}/{@code status} always exist). */
    public static void checkFields(
            Map<String, String> columns, Map<String, String> types, String where, List<String> problems) {
        for (Map.Entry<String, String> column : columns.entrySet()) {
            String field = column.getValue();
            if (!"id".equals(field) && !"status".equals(field) && !types.isEmpty() && !types.containsKey(field)) {
                problems.add(where + "column `" + column.getKey() + "` names field `" + field
                        + "`, which the mapping does not have");
            }
        }
    }

    /** The header of the column mapped to {@code id} (the record id, by which rows are found). */
    public static String idHeader(Map<String, String> columns) {
        return columns.entrySet().stream()
                .filter(e -> "id".equals(e.getValue()))
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** Headers of the columns chatbridge fills (everything but the id column), in mapping order. */
    public static List<String> dataHeaders(Map<String, String> columns) {
        String id = idHeader(columns);
        return columns.keySet().stream().filter(h -> !h.equals(id)).toList();
    }
}
