package io.chatbridge.connector.excel;

import io.chatbridge.common.Hashes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a binding's columns are in a sheet, found by header in row 1, and how a row's cells read as
 * field texts. Shared by the writer (to find ids and hand-added rows) and the watcher (to find changes),
 * so both see a row the same way.
 */
final class BoundColumns {

    private final ExcelBinding binding;
    private final Map<String, Integer> fieldColumns = new LinkedHashMap<>();
    private final int idColumn;

    BoundColumns(ExcelBinding binding, List<String> headers) {
        this.binding = binding;
        binding.columns().forEach((header, field) -> {
            int index = headers.indexOf(header);
            if (index >= 0) {
                fieldColumns.put(field, index);
            }
        });
        this.idColumn = fieldColumns.getOrDefault(ExcelBinding.ID_FIELD, -1);
    }

    Set<Integer> indexes() {
        return new HashSet<>(fieldColumns.values());
    }

    boolean hasIdColumn() {
        return idColumn >= 0;
    }

    /** The row's record id, or empty. */
    String id(Map<Integer, SheetScanner.RawCell> cells) {
        SheetScanner.RawCell cell = cells.get(idColumn);
        return cell == null ? "" : cell.text().trim();
    }

    /** Field to canonical text for the row's mapped cells other than the id, in mapping order. */
    Map<String, String> texts(Map<Integer, SheetScanner.RawCell> cells) {
        Map<String, String> texts = new LinkedHashMap<>();
        fieldColumns.forEach((field, column) -> {
            if (!ExcelBinding.ID_FIELD.equals(field)) {
                SheetScanner.RawCell cell = cells.get(column);
                texts.put(
                        field,
                        cell == null ? "" : ExcelCells.canonical(cell.text(), cell.number(), binding.typeOf(field)));
            }
        });
        return texts;
    }

    static Map<String, String> hashes(Map<String, String> texts) {
        Map<String, String> hashes = new LinkedHashMap<>();
        texts.forEach((field, text) -> hashes.put(field, Hashes.shortHash(text)));
        return hashes;
    }

    /** Identifies a hand-added row by its content, so its id goes to the same row on a later write. */
    static String fingerprint(Map<String, String> texts) {
        return Hashes.shortHash(texts.toString());
    }

    static boolean blank(Map<String, String> texts) {
        return texts.values().stream().allMatch(String::isBlank);
    }
}
