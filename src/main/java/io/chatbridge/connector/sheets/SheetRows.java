package io.chatbridge.connector.sheets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tab's data rows as the poller sees them: per row its id, the mapped cells' text and their hashes. */
record SheetRows(List<Row> withId, List<Row> withoutId, Set<String> duplicates) {

    /** One data row; {@code number} is the 1-based row number at the time of the read. */
    record Row(int number, String id, Map<String, String> texts, Map<String, String> hashes) {}

    /**
     * Grid rows {@code from} (inclusive) to {@code to} (exclusive) of a tab read whole, row 0 being the
     * headers; {@code seen} carries the ids met in earlier chunks, so an id repeated across chunks is a
     * duplicate too.
     */
    static SheetRows of(
            SheetsBinding binding, List<String> headers, List<List<Object>> grid, int from, int to, Set<String> seen) {
        int idColumn = headers.indexOf(binding.idHeader());
        List<Row> withId = new ArrayList<>();
        List<Row> withoutId = new ArrayList<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (int r = from; r < to; r++) {
            List<Object> cells = grid.get(r);
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            for (String header : binding.dataHeaders()) {
                int c = headers.indexOf(header);
                if (c >= 0) {
                    String text = c < cells.size() ? SheetCells.text(cells.get(c)) : "";
                    texts.put(binding.columns().get(header), text);
                    hashes.put(binding.columns().get(header), SheetCells.hash(text));
                }
            }
            String id = idColumn < cells.size()
                    ? SheetCells.text(cells.get(idColumn)).trim()
                    : "";
            Row row = new Row(r + 1, id, texts, hashes);
            if (!id.isEmpty()) {
                if (seen.add(id)) {
                    withId.add(row);
                } else {
                    duplicates.add(id);
                }
            } else if (texts.values().stream().anyMatch(t -> !t.isBlank())) {
                withoutId.add(row);
            }
        }
        return new SheetRows(withId, withoutId, duplicates);
    }
}
