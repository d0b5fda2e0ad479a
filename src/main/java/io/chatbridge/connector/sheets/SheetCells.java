package io.chatbridge.connector.sheets;

import io.chatbridge.common.CellValues;
import io.chatbridge.common.Hashes;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How record values become cells and cells become values again. Everything is written with
 * {@code RAW}, so nothing a customer typed is ever evaluated: {@code =HYPERLINK(…)} or {@code +123}
 * stays text. Numbers are written as numbers (they sort and sum); dates as ISO text
 * {@code 2026-12-05} and times as {@code 19:30}, which sort and filter correctly as text in every
 * locale, where a locale-formatted date would not. Newlines and emoji pass through untouched.
 */
final class SheetCells {

    private SheetCells() {}

    /** The JSON value to send for a field value. */
    static Object toCell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    /** The text the sheet shows for a cell (its {@code FORMATTED_VALUE}), the basis of row hashes. */
    static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (cell instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return cell.toString();
    }

    /** A cell typed by staff, as a value of the field's type; text when it does not parse. */
    static Object fromText(String text, String type) {
        return CellValues.typed(text, type);
    }

    /** A short hash of a cell's text: what {@code sheets_row} keeps instead of the personal data itself. */
    static String hash(String text) {
        return Hashes.shortHash(text);
    }

    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            s.insert(0, (char) ('A' + i % 26));
        }
        return s.toString();
    }

    /** The first row number of an A1 range such as {@code Bookings!A5:I7} ({@code 5}). */
    static int firstRow(String a1) {
        String cells = a1.substring(a1.lastIndexOf('!') + 1);
        String start = cells.split(":")[0].replaceAll("[^0-9]", "");
        if (start.isEmpty()) {
            throw new IllegalArgumentException("no row number in range " + a1);
        }
        return Integer.parseInt(start);
    }
}
