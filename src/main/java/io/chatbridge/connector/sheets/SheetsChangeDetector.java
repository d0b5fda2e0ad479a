package io.chatbridge.connector.sheets;

import io.chatbridge.connector.sheets.SheetsClient.CellWrite;
import io.chatbridge.connector.sheets.SheetsSyncStore.SyncedRow;
import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pull side: reads each bound tab (one read per tab and poll) and compares every row with its
 * last synced hashes. Real changes become record updates with origin {@code sheets}, which the
 * outbox never echoes back; changes to columns the sheet does not own become conflicts (the record
 * service decides, once, for every origin); rows typed in by hand become records whose new id is
 * written into the row; deleted rows and renamed headers are reported for the admin.
 */
@Component("sheetsChangeDetector")
public class SheetsChangeDetector {

    private static final Logger log = LoggerFactory.getLogger(SheetsChangeDetector.class);
    static final String ORIGIN = "sheets";

    private final SheetsBindings bindings;
    private final SheetsConnection connection;
    private final SheetsSyncStore store;
    private final RecordService records;
    private final TransactionTemplate transaction;
    private final int chunkRows;

    /**
     * @param chunkRows rows compared at a time: a tab's rows, their hashes and their synced state are held
     *     for one chunk, not for the whole tab (a 100,000-row tab held at once filled a 384 MB heap)
     */
    SheetsChangeDetector(
            SheetsBindings bindings,
            SheetsConnection connection,
            SheetsSyncStore store,
            RecordService records,
            TransactionTemplate transaction,
            @Value("${chatbridge.sheets.poll-chunk-rows:5000}") int chunkRows) {
        this.bindings = bindings;
        this.connection = connection;
        this.store = store;
        this.records = records;
        this.transaction = transaction;
        this.chunkRows = Math.max(1, chunkRows);
    }

    /** Polls every bound tab once; returns how many rows changed in the sheets. Called by {@code sync-sheets}. */
    public int pollAll() {
        int changed = 0;
        for (SheetsBinding binding : bindings.all()) {
            try {
                changed += store.withLock(binding.key(), () -> poll(binding)).orElse(0);
            } catch (SheetsApiException e) {
                log.warn("Polling {} failed, trying again next time: {}", binding.key(), e.getMessage());
            } catch (Exception e) {
                log.error("Polling {} failed", binding.key(), e);
            }
        }
        return changed;
    }

    int poll(SheetsBinding binding) throws SheetsApiException {
        SheetsClient client = connection.client();
        List<List<Object>> grid = client.read(binding.spreadsheetId(), List.of(binding.quotedTab()))
                .get(0);
        List<String> headers = SheetView.headersOf(grid);
        if (!headersUsable(binding, headers)) {
            return 0;
        }
        Set<String> present = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        List<SheetRows.Row> withoutId = new ArrayList<>();
        int changed = 0;
        for (int from = 1; from < grid.size(); from += chunkRows) {
            SheetRows rows =
                    SheetRows.of(binding, headers, grid, from, Math.min(grid.size(), from + chunkRows), present);
            duplicates.addAll(rows.duplicates());
            withoutId.addAll(rows.withoutId());
            changed += applyChanges(
                    binding,
                    rows,
                    store.forIds(
                            binding.key(),
                            rows.withId().stream().map(SheetRows.Row::id).toList()));
        }
        duplicates.forEach(id -> store.report(
                binding.key(),
                "duplicate_id",
                id,
                "Record " + id + " appears in more than one row; chatbridge keeps the first and ignores the others."));
        reportDeleted(binding, present);
        return changed + adoptNewRows(binding, headers, withoutId, client);
    }

    /** Stops the binding while a mapped header it knew is gone; resumes it once the header is back. */
    private boolean headersUsable(SheetsBinding binding, List<String> headers) {
        SheetsSyncStore.BindingState state = store.binding(binding.key());
        if (headers.stream().allMatch(String::isEmpty)) {
            return false;
        }
        try {
            SheetHeaders.plan(binding, headers, state.headers());
        } catch (BindingStoppedException e) {
            if (state.problem() == null) {
                log.warn("Sheets binding {} stopped: {}", binding.key(), e.getMessage());
            }
            store.stop(binding.key(), "header_missing", e.getMessage());
            return false;
        }
        if (state.problem() != null) {
            log.info("Sheets binding {} resumed: the sheet's headers are as mapped again", binding.key());
            store.resume(binding.key());
        }
        store.saveHeaders(binding.key(), SheetHeaders.mapped(binding, headers));
        return headers.contains(binding.idHeader());
    }

    private int applyChanges(SheetsBinding binding, SheetRows rows, Map<String, SyncedRow> synced) {
        Map<String, SyncedRow> changed = new LinkedHashMap<>();
        for (SheetRows.Row row : rows.withId()) {
            SyncedRow last = synced.get(row.id());
            if (last != null
                    && "synced".equals(last.state())
                    && !row.hashes().equals(keep(last.hashes(), row.hashes()))) {
                changed.put(row.id(), last);
            }
        }
        if (changed.isEmpty()) {
            return 0;
        }
        Map<Long, RecordSnapshot> current =
                records
                        .snapshots(changed.values().stream()
                                .map(SyncedRow::recordId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(RecordSnapshot::id, Function.identity()));
        for (SheetRows.Row row : rows.withId()) {
            SyncedRow last = changed.get(row.id());
            if (last != null) {
                apply(binding, row, last, current.get(last.recordId()));
            }
        }
        return changed.size();
    }

    /** The stored hashes of the columns the sheet has now (a mapped column not added yet is left out). */
    private static Map<String, String> keep(Map<String, String> stored, Map<String, String> present) {
        Map<String, String> kept = new LinkedHashMap<>();
        present.keySet().forEach(field -> kept.put(field, stored.get(field)));
        return kept;
    }

    private void apply(SheetsBinding binding, SheetRows.Row row, SyncedRow last, RecordSnapshot record) {
        Map<String, Object> changes = new LinkedHashMap<>();
        row.texts().forEach((field, text) -> {
            boolean cellChanged =
                    !Objects.equals(row.hashes().get(field), last.hashes().get(field));
            Object recordValue = SheetsWriter.value(binding, record, field);
            if (cellChanged && !SheetCells.text(SheetCells.toCell(recordValue)).equals(text)) {
                changes.put(
                        field, SheetCells.fromText(text, binding.fieldTypes().get(field)));
            }
        });
        Map<String, String> hashes = new LinkedHashMap<>(last.hashes());
        hashes.putAll(row.hashes());
        transaction.executeWithoutResult(status -> {
            if (!changes.isEmpty()) {
                var outcome = records.applyChange(
                        record.humanId(), ORIGIN, changes, "sheets:" + binding.key() + "!" + row.number());
                log.info(
                        "Sheet change to {}: applied {}, conflicts {}",
                        record.humanId(),
                        outcome.applied(),
                        outcome.conflicts());
            }
            store.markSynced(binding.key(), record.id(), record.humanId(), hashes, row.number());
        });
    }

    private void reportDeleted(SheetsBinding binding, Set<String> present) {
        store.syncedIds(binding.key()).stream()
                .filter(s -> !present.contains(s.humanId()))
                .forEach(s -> {
                    store.markDeleted(binding.key(), s.recordId());
                    store.report(
                            binding.key(),
                            "row_deleted",
                            s.humanId(),
                            "The row of " + s.humanId() + " was deleted from tab '" + binding.tab() + "'"
                                    + (binding.recreateDeleted() ? "; it is appended again on its next change." : "."));
                    log.warn("Row of {} was deleted from {}", s.humanId(), binding.key());
                });
    }

    /** Rows staff typed in without an id become records; their ids are written back in one request. */
    private int adoptNewRows(
            SheetsBinding binding, List<String> headers, List<SheetRows.Row> fresh, SheetsClient client)
            throws SheetsApiException {
        if (fresh.isEmpty()) {
            return 0;
        }
        List<CellWrite> ids = new ArrayList<>();
        Map<RecordSnapshot, SheetRows.Row> adopted = new LinkedHashMap<>();
        String idColumn = SheetCells.column(headers.indexOf(binding.idHeader()));
        for (SheetRows.Row row : fresh) {
            RecordSnapshot record = adopt(binding, row);
            adopted.put(record, row);
            ids.add(new CellWrite(
                    binding.quotedTab() + "!" + idColumn + row.number(), List.of(List.of(record.humanId()))));
        }
        client.update(binding.spreadsheetId(), ids);
        adopted.forEach((record, row) ->
                store.markSynced(binding.key(), record.id(), record.humanId(), row.hashes(), row.number()));
        log.info("{} rows added by hand to {} became records", adopted.size(), binding.key());
        return adopted.size();
    }

    /** The record for a hand-added row: the one made on an earlier poll whose id write failed, or a new one. */
    private RecordSnapshot adopt(SheetsBinding binding, SheetRows.Row row) {
        String fingerprint = SheetCells.hash(row.texts().toString());
        return store.pending(binding.key(), fingerprint)
                .map(p -> records.snapshots(List.of(p.recordId())).get(0))
                .orElseGet(() -> transaction.execute(status -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    row.texts().forEach((field, text) -> {
                        if (!SheetsBinding.STATUS_FIELD.equals(field) && !text.isBlank()) {
                            fields.put(
                                    field,
                                    SheetCells.fromText(
                                            text, binding.fieldTypes().get(field)));
                        }
                    });
                    String statusText = row.texts().getOrDefault(SheetsBinding.STATUS_FIELD, "");
                    RecordSnapshot created = records.createFromConnector(
                            binding.type(),
                            ORIGIN,
                            fields,
                            statusText.isBlank() ? binding.newStatus() : statusText,
                            "sheets:" + binding.key() + "!" + row.number());
                    store.markIdPending(binding.key(), created.id(), created.humanId(), fingerprint);
                    return created;
                }));
    }
}
