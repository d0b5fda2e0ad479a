package io.chatbridge.connector.sheets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one read of a tab told us: its header row and, per record id, the row it is in now. Built
 * fresh from every read, so a sort or an inserted row never sends a write to the wrong row.
 */
final class SheetView {

    private final List<String> headers;
    private final Map<String, Integer> rowOfId = new HashMap<>();
    private final Set<String> duplicates = new LinkedHashSet<>();

    SheetView(List<String> headers, List<List<Object>> idColumn, int firstRow) {
        this.headers = List.copyOf(headers);
        for (int i = 0; i < idColumn.size(); i++) {
            int row = firstRow + i;
            List<Object> cells = idColumn.get(i);
            String id = cells.isEmpty() ? "" : SheetCells.text(cells.get(0)).trim();
            if (row > 1 && !id.isEmpty() && rowOfId.putIfAbsent(id, row) != null) {
                duplicates.add(id);
            }
        }
    }

    static List<String> headersOf(List<List<Object>> headerRows) {
        List<String> headers = new ArrayList<>();
        if (!headerRows.isEmpty()) {
            headerRows.get(0).forEach(cell -> headers.add(SheetCells.text(cell).trim()));
        }
        return headers;
    }

    List<String> headers() {
        return headers;
    }

    boolean empty() {
        return headers.stream().allMatch(String::isEmpty);
    }

    int column(String header) {
        return headers.indexOf(header);
    }

    Integer rowOf(String humanId) {
        return rowOfId.get(humanId);
    }

    Set<String> duplicates() {
        return duplicates;
    }

    Set<String> ids() {
        return rowOfId.keySet();
    }
}
