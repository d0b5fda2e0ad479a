package io.chatbridge.connector.sheets;

import io.chatbridge.connector.sheets.SheetsClient.CellWrite;
import io.chatbridge.connector.sheets.SheetsSyncStore.SyncedRow;
import io.chatbridge.record.RecordSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a batch of records into one bound tab, keyed by record id: one read (header row and id
 * column), then at most one {@code values:batchUpdate} (new headers and changed cells of existing rows)
 * and at most one {@code values:append} (new records). Rows are found by id in that read, never by a
 * remembered row number. An append that failed ambiguously is settled by reading the id column again,
 * so a row is never written twice.
 */
final class SheetsWriter {

    /** What happened to each record of a batch: written (or deliberately skipped), or still to retry. */
    record Outcome(List<Long> retry, SheetsApiException cause) {
        static Outcome done() {
            return new Outcome(List.of(), null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SheetsWriter.class);

    private final SheetsClient client;
    private final SheetsSyncStore store;
    private final SheetReader reader;

    SheetsWriter(SheetsClient client, SheetsSyncStore store) {
        this.client = client;
        this.store = store;
        this.reader = new SheetReader(client, store);
    }

    Outcome write(SheetsBinding binding, List<RecordSnapshot> batch)
            throws SheetsApiException, BindingStoppedException {
        String key = binding.key();
        SheetsSyncStore.BindingState state = store.binding(key);
        if (state.problem() != null) {
            throw new BindingStoppedException(state.problem());
        }
        SheetView view = reader.view(binding);
        SheetHeaders.Plan plan = SheetHeaders.plan(binding, view.headers(), state.headers());
        Map<Long, SyncedRow> synced =
                store.rows(key, batch.stream().map(RecordSnapshot::id).toList());
        List<CellWrite> updates = new ArrayList<>();
        plan.write().ifPresent(updates::add);
        Map<RecordSnapshot, Map<String, String>> updated = new LinkedHashMap<>();
        List<RecordSnapshot> appends = new ArrayList<>();
        for (RecordSnapshot record : batch) {
            Integer row = view.rowOf(record.humanId());
            SyncedRow last = synced.get(record.id());
            if (row != null) {
                updated.put(record, changedCells(binding, plan.headers(), record, row, last, updates));
            } else if (last != null
                    && ("synced".equals(last.state()) || "deleted".equals(last.state()))
                    && !binding.recreateDeleted()) {
                reportDeleted(key, record, last);
            } else {
                appends.add(record);
            }
        }
        if (!updates.isEmpty()) {
            client.update(binding.spreadsheetId(), updates);
        }
        store.saveHeaders(key, SheetHeaders.mapped(binding, plan.headers()));
        List<SheetsSyncStore.Synced> done = new ArrayList<>();
        updated.forEach((record, hashes) -> done.add(
                new SheetsSyncStore.Synced(record.id(), record.humanId(), hashes, view.rowOf(record.humanId()))));
        store.markSynced(key, done);
        return appends.isEmpty() ? Outcome.done() : append(binding, plan.headers(), appends);
    }

    /** Adds a write for every cell whose value changed since the last sync; returns the row's new hashes. */
    private Map<String, String> changedCells(
            SheetsBinding binding,
            List<String> headers,
            RecordSnapshot record,
            int row,
            SyncedRow last,
            List<CellWrite> updates) {
        boolean known = last != null && "synced".equals(last.state());
        Map<String, String> hashes = new LinkedHashMap<>(known ? last.hashes() : Map.of());
        for (String header : binding.dataHeaders()) {
            String field = binding.columns().get(header);
            Object cell = SheetCells.toCell(value(binding, record, field));
            String hash = SheetCells.hash(SheetCells.text(cell));
            boolean changed = known ? !Objects.equals(hash, last.hashes().get(field)) : !binding.ownedBySheet(header);
            if (changed) {
                String range = binding.quotedTab() + "!" + SheetCells.column(headers.indexOf(header)) + row;
                updates.add(new CellWrite(range, List.of(List.of(cell))));
                hashes.put(field, hash);
            }
        }
        return hashes;
    }

    private Outcome append(SheetsBinding binding, List<String> headers, List<RecordSnapshot> records)
            throws SheetsApiException, BindingStoppedException {
        String key = binding.key();
        Map<Long, String> ids = new LinkedHashMap<>();
        records.forEach(r -> ids.put(r.id(), r.humanId()));
        store.markAppending(key, ids);
        List<List<Object>> rows = new ArrayList<>();
        List<Map<String, String>> hashes = new ArrayList<>();
        for (RecordSnapshot record : records) {
            Object[] cells = new Object[headers.size()];
            java.util.Arrays.fill(cells, "");
            Map<String, String> rowHashes = new LinkedHashMap<>();
            binding.columns().forEach((header, field) -> {
                Object cell = SheetCells.toCell(value(binding, record, field));
                cells[headers.indexOf(header)] = cell;
                if (!SheetsBinding.ID_FIELD.equals(field)) {
                    rowHashes.put(field, SheetCells.hash(SheetCells.text(cell)));
                }
            });
            rows.add(List.of(cells));
            hashes.add(rowHashes);
        }
        String range = binding.quotedTab() + "!A1:" + SheetCells.column(headers.size() - 1);
        try {
            int first = SheetCells.firstRow(client.append(binding.spreadsheetId(), range, rows));
            List<SheetsSyncStore.Synced> done = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                done.add(new SheetsSyncStore.Synced(
                        records.get(i).id(), records.get(i).humanId(), hashes.get(i), first + i));
            }
            store.markSynced(key, done);
            return Outcome.done();
        } catch (SheetsApiException e) {
            if (!e.mayHaveWritten()) {
                throw e;
            }
            return settleAmbiguousAppend(binding, records, hashes, e);
        }
    }

    /** Google may have written the rows although it answered with an error: look before writing again. */
    private Outcome settleAmbiguousAppend(
            SheetsBinding binding,
            List<RecordSnapshot> records,
            List<Map<String, String>> hashes,
            SheetsApiException failure)
            throws SheetsApiException, BindingStoppedException {
        SheetView view = reader.view(binding);
        List<Long> retry = new ArrayList<>();
        List<SheetsSyncStore.Synced> found = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordSnapshot record = records.get(i);
            Integer row = view.rowOf(record.humanId());
            if (row != null) {
                found.add(new SheetsSyncStore.Synced(record.id(), record.humanId(), hashes.get(i), row));
            } else {
                retry.add(record.id());
            }
        }
        store.markSynced(binding.key(), found);
        log.warn(
                "Append to {} failed ambiguously ({}); {} of {} rows had been written, {} will be retried",
                binding.key(),
                failure.getMessage(),
                records.size() - retry.size(),
                records.size(),
                retry.size());
        return new Outcome(retry, retry.isEmpty() ? null : failure);
    }

    private void reportDeleted(String key, RecordSnapshot record, SyncedRow last) {
        if ("synced".equals(last.state())) {
            store.markDeleted(key, record.id());
        }
        store.report(
                key,
                "row_deleted",
                record.humanId(),
                "The row of " + record.humanId()
                        + " was deleted from the sheet; it is not re-created (set recreate-deleted: true to change that).");
    }

    static Object value(SheetsBinding binding, RecordSnapshot record, String field) {
        if (SheetsBinding.ID_FIELD.equals(field)) {
            return record.humanId();
        }
        if (SheetsBinding.STATUS_FIELD.equals(field)) {
            return record.status() == null || record.status().isBlank() ? binding.newStatus() : record.status();
        }
        return record.fields().get(field);
    }
}
