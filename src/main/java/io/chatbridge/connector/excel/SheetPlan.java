package io.chatbridge.connector.excel;

import io.chatbridge.common.Hashes;
import io.chatbridge.record.RecordSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a batch of records into the cells to write: for a record whose id is in the sheet, the cells
 * whose value changed since the last sync (a column the workbook owns only when the record changed it);
 * for a new record, a whole row after the last one; for a hand-added row that got a record, its id.
 * Also gathers the hashes to remember once the write has landed.
 */
final class SheetPlan {

    /** Cells planned for one record and the hashes it will have once written. */
    record Planned(RecordSnapshot record, Map<String, String> hashes) {}

    private final ExcelBinding binding;
    private final Map<String, Integer> columnOf;
    private final NavigableMap<Integer, SortedMap<Integer, ExcelCell>> cells = new TreeMap<>();
    private final List<Planned> done = new ArrayList<>();
    private int lastRow;
    private int appended;

    SheetPlan(ExcelBinding binding, List<String> headers, int lastRow) {
        this.binding = binding;
        this.columnOf = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            columnOf.putIfAbsent(headers.get(i), i);
        }
        this.lastRow = lastRow;
    }

    /** Writes headers that are missing from row 1 after the last present one. */
    void addMissingHeaders(List<String> headers) {
        int next = headers.size();
        for (String header : binding.columns().keySet()) {
            if (!columnOf.containsKey(header)) {
                columnOf.put(header, next);
                put(1, next++, ExcelCell.text(header));
            }
        }
        lastRow = Math.max(lastRow, 1);
    }

    void update(int row, RecordSnapshot record, ExcelSyncStore.SyncedRow last) {
        boolean known = last != null && "synced".equals(last.state());
        Map<String, String> hashes = new LinkedHashMap<>(known ? last.hashes() : Map.of());
        for (String header : binding.dataHeaders()) {
            String field = binding.columns().get(header);
            ExcelCell cell = cell(record, field);
            String hash = Hashes.shortHash(cell.text());
            boolean changed = known
                    ? !hash.equals(last.hashes().get(field))
                    : !binding.owned().contains(field);
            if (changed) {
                put(row, columnOf.get(header), cell);
                hashes.put(field, hash);
            }
        }
        done.add(new Planned(record, hashes));
    }

    void append(RecordSnapshot record) {
        int row = ++lastRow;
        appended++;
        Map<String, String> hashes = new LinkedHashMap<>();
        binding.columns().forEach((header, field) -> {
            ExcelCell cell = cell(record, field);
            put(row, columnOf.get(header), cell);
            if (!ExcelBinding.ID_FIELD.equals(field)) {
                hashes.put(field, Hashes.shortHash(cell.text()));
            }
        });
        done.add(new Planned(record, hashes));
    }

    void writeId(int row, String humanId) {
        put(row, columnOf.get(binding.idHeader()), ExcelCell.text(humanId));
    }

    boolean isEmpty() {
        return cells.isEmpty();
    }

    int appended() {
        return appended;
    }

    int lastRow() {
        return lastRow;
    }

    int lastColumn() {
        return columnOf.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    List<Planned> done() {
        return done;
    }

    /** The number formats the planned cells use, to find or add their styles. */
    Set<String> formats() {
        Set<String> formats = new java.util.HashSet<>();
        cells.values().forEach(row -> row.values().stream()
                .map(ExcelCell::format)
                .filter(java.util.Objects::nonNull)
                .forEach(formats::add));
        return formats;
    }

    /** The rewriter's plan, with the style index of each formatted cell. */
    SheetRewriter.Plan toRewrite(int oldLastRow, int oldLastColumn, Map<String, Integer> styles) {
        NavigableMap<Integer, SortedMap<Integer, SheetRewriter.NewCell>> rows = new TreeMap<>();
        cells.forEach((row, columns) -> {
            SortedMap<Integer, SheetRewriter.NewCell> out = new TreeMap<>();
            columns.forEach((column, cell) -> out.put(
                    column,
                    new SheetRewriter.NewCell(
                            cell, cell.format() == null ? -1 : styles.getOrDefault(cell.format(), -1))));
            rows.put(row, out);
        });
        return new SheetRewriter.Plan(rows, oldLastRow, lastRow, Math.max(oldLastColumn, lastColumn()));
    }

    private void put(int row, int column, ExcelCell cell) {
        cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, cell);
    }

    private ExcelCell cell(RecordSnapshot record, String field) {
        Object currency = record.fields().get("currency");
        return ExcelCells.toCell(
                value(binding, record, field), binding.typeOf(field), currency == null ? null : currency.toString());
    }

    static Object value(ExcelBinding binding, RecordSnapshot record, String field) {
        if (ExcelBinding.ID_FIELD.equals(field)) {
            return record.humanId();
        }
        if (ExcelBinding.STATUS_FIELD.equals(field)) {
            return record.status() == null || record.status().isBlank() ? binding.newStatus() : record.status();
        }
        return record.fields().get(field);
    }
}
