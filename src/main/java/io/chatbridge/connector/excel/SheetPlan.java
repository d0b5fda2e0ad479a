package io.chatbridge.connector.excel;

import io.chatbridge.common.Hashes;
import io.chatbridge.record.RecordSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides, row by row as the sheet streams past, what a batch of records changes: for a record whose id
 * is in the sheet, the cells whose value changed since the last sync (a column the workbook owns only
 * when the record changed it); for a record not there yet, a new row after the last one; for a row
 * staff typed in by hand that became a record, its id. Collects what to remember once the write lands.
 */
final class SheetPlan implements SheetRewriter.Rows {

    /** A record written, and the hashes its row has now. */
    record Planned(long recordId, String humanId, Map<String, String> hashes) {}

    /** Thrown out of the stream when a header the binding used to find is gone. */
    static final class HeaderGone extends RuntimeException {
        HeaderGone(String message) {
            super(message);
        }
    }

    private final ExcelBinding binding;
    private final Map<String, RecordSnapshot> byId = new LinkedHashMap<>();
    private final Map<Long, ExcelSyncStore.SyncedRow> synced;
    private final Map<String, ExcelSyncStore.SyncedRow> pendingByFingerprint = new HashMap<>();
    private final List<String> knownHeaders;
    private Map<String, Integer> styles;
    private final Map<String, Integer> columnOf = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final List<Planned> done = new ArrayList<>();
    private final List<RecordSnapshot> deleted = new ArrayList<>();
    private final Set<String> duplicates = new LinkedHashSet<>();
    private BoundColumns columns;
    private int appended;
    private boolean changed;

    SheetPlan(
            ExcelBinding binding,
            List<RecordSnapshot> batch,
            Map<Long, ExcelSyncStore.SyncedRow> synced,
            List<ExcelSyncStore.SyncedRow> pending,
            List<String> knownHeaders,
            Map<String, Integer> styles) {
        this.binding = binding;
        batch.forEach(r -> byId.put(r.humanId(), r));
        this.synced = synced;
        pending.forEach(p -> pendingByFingerprint.putIfAbsent(p.fingerprint(), p));
        this.knownHeaders = knownHeaders;
        this.styles = styles;
    }

    /** The number formats the batch's cells use, to find or add their styles before the pass. */
    static Set<String> formats(ExcelBinding binding, List<RecordSnapshot> batch) {
        Set<String> formats = new HashSet<>();
        for (RecordSnapshot record : batch) {
            binding.columns().values().forEach(field -> {
                String format = cell(binding, record, field).format();
                if (format != null) {
                    formats.add(format);
                }
            });
        }
        return formats;
    }

    @Override
    public SortedMap<Integer, SheetRewriter.NewCell> header(List<String> headers) {
        List<String> gone = binding.columns().keySet().stream()
                .filter(h -> !headers.contains(h) && knownHeaders.contains(h))
                .toList();
        if (!gone.isEmpty()) {
            throw new HeaderGone(
                    "Sheet '" + binding.sheet() + "' no longer has the column" + (gone.size() > 1 ? "s " : " ")
                            + String.join(
                                    ", ", gone.stream().map(h -> "'" + h + "'").toList())
                            + ". Someone renamed or removed it; put the header back (or change the mapping) and syncing resumes.");
        }
        for (int i = 0; i < headers.size(); i++) {
            columnOf.putIfAbsent(headers.get(i), i);
        }
        SortedMap<Integer, SheetRewriter.NewCell> cells = new TreeMap<>();
        int next = headers.size();
        for (String header : binding.columns().keySet()) {
            if (!columnOf.containsKey(header)) {
                columnOf.put(header, next);
                cells.put(next++, newCell(ExcelCell.text(header)));
            }
        }
        List<String> complete = new ArrayList<>(headers);
        while (complete.size() < next) {
            complete.add("");
        }
        columnOf.forEach((header, index) -> complete.set(index, header));
        columns = new BoundColumns(binding, complete);
        changed |= !cells.isEmpty();
        return cells;
    }

    @Override
    public Set<Integer> wanted() {
        return columns.indexes();
    }

    @Override
    public SortedMap<Integer, SheetRewriter.NewCell> row(int number, Map<Integer, SheetScanner.RawCell> cells) {
        String id = columns.id(cells);
        if (!id.isEmpty()) {
            if (!seen.add(id)) {
                duplicates.add(id);
                return new TreeMap<>();
            }
            RecordSnapshot record = byId.get(id);
            return record == null ? new TreeMap<>() : update(record);
        }
        if (pendingByFingerprint.isEmpty()) {
            return new TreeMap<>();
        }
        ExcelSyncStore.SyncedRow pending = pendingByFingerprint.remove(BoundColumns.fingerprint(columns.texts(cells)));
        SortedMap<Integer, SheetRewriter.NewCell> write = new TreeMap<>();
        if (pending != null) {
            write.put(columnOf.get(binding.idHeader()), newCell(ExcelCell.text(pending.humanId())));
            done.add(new Planned(pending.recordId(), pending.humanId(), pending.hashes()));
            changed = true;
        }
        return write;
    }

    private SortedMap<Integer, SheetRewriter.NewCell> update(RecordSnapshot record) {
        ExcelSyncStore.SyncedRow last = synced.get(record.id());
        boolean known = last != null && "synced".equals(last.state());
        Map<String, String> hashes = new LinkedHashMap<>(known ? last.hashes() : Map.of());
        SortedMap<Integer, SheetRewriter.NewCell> write = new TreeMap<>();
        for (String header : binding.dataHeaders()) {
            String field = binding.columns().get(header);
            ExcelCell cell = cell(binding, record, field);
            String hash = Hashes.shortHash(cell.text());
            boolean differs = known
                    ? !hash.equals(last.hashes().get(field))
                    : !binding.owned().contains(field);
            if (differs) {
                write.put(columnOf.get(header), newCell(cell));
                hashes.put(field, hash);
            }
        }
        done.add(new Planned(record.id(), record.humanId(), hashes));
        changed |= !write.isEmpty();
        return write;
    }

    @Override
    public NavigableMap<Integer, SortedMap<Integer, SheetRewriter.NewCell>> appends(int lastRow) {
        NavigableMap<Integer, SortedMap<Integer, SheetRewriter.NewCell>> rows = new TreeMap<>();
        int row = lastRow;
        for (RecordSnapshot record : byId.values()) {
            if (seen.contains(record.humanId())) {
                continue;
            }
            ExcelSyncStore.SyncedRow last = synced.get(record.id());
            String state = last == null ? null : last.state();
            if ("synced".equals(state) || "deleted".equals(state)) {
                deleted.add(record);
            } else if (!"id_pending".equals(state)) {
                rows.put(++row, appendRow(record));
            }
        }
        return rows;
    }

    private SortedMap<Integer, SheetRewriter.NewCell> appendRow(RecordSnapshot record) {
        SortedMap<Integer, SheetRewriter.NewCell> cells = new TreeMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        binding.columns().forEach((header, field) -> {
            ExcelCell cell = cell(binding, record, field);
            cells.put(columnOf.get(header), newCell(cell));
            if (!ExcelBinding.ID_FIELD.equals(field)) {
                hashes.put(field, Hashes.shortHash(cell.text()));
            }
        });
        done.add(new Planned(record.id(), record.humanId(), hashes));
        appended++;
        changed = true;
        return cells;
    }

    @Override
    public int predictedLastRow(int currentLastRow) {
        long fresh =
                byId.values().stream().filter(r -> synced.get(r.id()) == null).count();
        return Math.max(1, currentLastRow) + (int) fresh;
    }

    @Override
    public int lastColumn(int currentLastColumn) {
        return Math.max(currentLastColumn, binding.columns().size() - 1);
    }

    /** Sets the style index of each number format (found or added in the styles part before the pass). */
    SheetPlan withStyles(Map<String, Integer> indexes) {
        this.styles = Map.copyOf(indexes);
        return this;
    }

    boolean changed() {
        return changed;
    }

    int appended() {
        return appended;
    }

    List<Planned> done() {
        return done;
    }

    List<RecordSnapshot> deleted() {
        return deleted;
    }

    Set<String> duplicates() {
        return duplicates;
    }

    private SheetRewriter.NewCell newCell(ExcelCell cell) {
        return new SheetRewriter.NewCell(cell, cell.format() == null ? -1 : styles.getOrDefault(cell.format(), -1));
    }

    private static ExcelCell cell(ExcelBinding binding, RecordSnapshot record, String field) {
        Object currency = record.fields().get("currency");
        return ExcelCells.toCell(
                value(binding, record, field), binding.typeOf(field), Objects.toString(currency, null));
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
