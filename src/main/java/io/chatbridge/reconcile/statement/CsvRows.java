package io.chatbridge.reconcile.statement;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 rows: quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF or LF. */
final class CsvRows {

    private CsvRows() {}

    static List<List<String>> split(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == delimiter) {
                row.add(field.toString().trim());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, row, field);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        endRow(rows, row, field);
        return rows;
    }

    private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field) {
        row.add(field.toString().trim());
        field.setLength(0);
        if (row.size() > 1 || !row.get(0).isEmpty()) {
            rows.add(row);
        }
    }

    /** The delimiter that splits the header line into the most fields (outside quotes). */
    static char guessDelimiter(String headerLine) {
        char best = ',';
        int bestCount = 0;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            int count = 0;
            boolean quoted = false;
            for (char c : headerLine.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == candidate && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }
}
