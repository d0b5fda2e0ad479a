package io.chatbridge.support.sheets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tab of the fake spreadsheet: a grid of cell values (strings, numbers, booleans or a
 * {@link Formula} when something was written {@code USER_ENTERED}), plus A1 parsing as Google does it.
 * Written independently of the connector's own A1 code, so the fake checks it rather than mirrors it.
 */
final class FakeGrid {

    static final int ROWS = 1000;
    static final int COLUMNS = 26;

    /** A cell Google would have evaluated: what a customer's {@code =HYPERLINK(…)} becomes if not written RAW. */
    record Formula(String text) {}

    /** A parsed A1 range; rows and columns 0-based and inclusive, open ends as -1. */
    record Range(String tab, int firstRow, int firstCol, int lastRow, int lastCol) {}

    private static final Pattern A1 = Pattern.compile("([A-Z]*)(\\d*)");

    final String title;
    final int sheetId;
    final List<List<Object>> rows = new ArrayList<>();

    FakeGrid(String title, int sheetId) {
        this.title = title;
        this.sheetId = sheetId;
    }

    static Range parse(String a1) {
        String tab = a1;
        String cells = "";
        int bang = a1.lastIndexOf('!');
        if (bang >= 0) {
            tab = a1.substring(0, bang);
            cells = a1.substring(bang + 1);
        }
        if (tab.startsWith("'") && tab.endsWith("'")) {
            tab = tab.substring(1, tab.length() - 1).replace("''", "'");
        }
        if (cells.isEmpty()) {
            return new Range(tab, 0, 0, -1, -1);
        }
        String[] ends = cells.split(":");
        int[] start = corner(ends[0]);
        int[] end = ends.length > 1 ? corner(ends[1]) : start;
        int firstRow = start[0] < 0 ? 0 : start[0];
        int firstCol = start[1] < 0 ? 0 : start[1];
        return new Range(tab, firstRow, firstCol, end[0], end[1]);
    }

    private static int[] corner(String a1) {
        Matcher m = A1.matcher(a1.toUpperCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("Unable to parse range: " + a1);
        }
        int col = -1;
        for (char c : m.group(1).toCharArray()) {
            col = (col + 1) * 26 + (c - 'A');
        }
        int row = m.group(2).isEmpty() ? -1 : Integer.parseInt(m.group(2)) - 1;
        return new int[] {row, col};
    }

    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            s.insert(0, (char) ('A' + i % 26));
        }
        return s.toString();
    }

    String a1(int firstRow, int firstCol, int lastRow, int lastCol) {
        String name = title.matches("[A-Za-z0-9_]+") ? title : "'" + title.replace("'", "''") + "'";
        return name + "!" + column(firstCol) + (firstRow + 1) + ":" + column(lastCol) + (lastRow + 1);
    }

    Object get(int row, int col) {
        if (row >= rows.size() || col >= rows.get(row).size()) {
            return null;
        }
        return rows.get(row).get(col);
    }

    void set(int row, int col, Object value) {
        while (rows.size() <= row) {
            rows.add(new ArrayList<>());
        }
        List<Object> cells = rows.get(row);
        while (cells.size() <= col) {
            cells.add(null);
        }
        cells.set(col, "".equals(value) ? null : value);
    }

    int width() {
        return Math.max(COLUMNS, rows.stream().mapToInt(List::size).max().orElse(0));
    }

    int height() {
        return Math.max(ROWS, rows.size());
    }

    /** Index of the last row holding anything in columns {@code firstCol..lastCol}, or -1. */
    int lastUsedRow(int firstCol, int lastCol) {
        for (int r = rows.size() - 1; r >= 0; r--) {
            for (int c = firstCol; c <= lastCol; c++) {
                if (get(r, c) != null) {
                    return r;
                }
            }
        }
        return -1;
    }

    /** What {@code FORMATTED_VALUE} shows: numbers without a trailing {@code .0}, booleans upper case. */
    static Object formatted(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Formula f) {
            return "#EVALUATED(" + f.text() + ")";
        }
        return value;
    }

    static Object unformatted(Object value) {
        return value instanceof Formula f ? f.text() : value;
    }
}
