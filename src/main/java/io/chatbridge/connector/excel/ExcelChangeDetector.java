package io.chatbridge.connector.excel;

import io.chatbridge.common.Hashes;
import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pull side: notices that a bound workbook was saved (size and time, then the content hash, so
 * our own writes are recognised and not echoed), reads the id column and the mapped columns as a
 * stream, and compares each row with its last synced hashes. Real changes become record updates with
 * origin {@code excel} (the record service turns edits of columns the workbook does not own into
 * conflicts); rows typed in by hand become records whose id is written on the next write, never while
 * someone has the file open; deleted rows and renamed headers are reported.
 */
@Component("excelChangeDetector")
public class ExcelChangeDetector {

    private static final Logger log = LoggerFactory.getLogger(ExcelChangeDetector.class);
    static final String ORIGIN = "excel";

    private final ExcelBindings bindings;
    private final ExcelSyncStore store;
    private final RecordService records;
    private final TransactionTemplate transaction;
    private final WorkbookWriter writer;

    ExcelChangeDetector(
            ExcelBindings bindings, ExcelSyncStore store, RecordService records, TransactionTemplate transaction) {
        this.bindings = bindings;
        this.store = store;
        this.records = records;
        this.transaction = transaction;
        this.writer = new WorkbookWriter(store);
    }

    /** Checks every bound workbook once; returns how many rows changed. Called by {@code sync-excel}. */
    public int pollAll() {
        int changed = 0;
        for (ExcelBinding binding : bindings.all()) {
            try {
                changed += store.withLock(binding.key(), () -> poll(binding)).orElse(0);
            } catch (Exception e) {
                log.error("Checking workbook {} failed", binding.workbook(), e);
            }
        }
        return changed;
    }

    int poll(ExcelBinding binding) throws IOException {
        Path file = binding.workbook();
        if (!Files.exists(file)) {
            return 0;
        }
        ExcelSyncStore.BindingState state = store.binding(binding.key());
        boolean pending = !store.pending(binding.key()).isEmpty();
        if (WorkbookFiles.sameSizeAndTime(file, state.fileSize(), state.fileMtime())) {
            return pending ? writePendingIds(binding) : 0;
        }
        WorkbookFiles.Stamp stamp = WorkbookFiles.stamp(file);
        int changed = 0;
        if (!stamp.hash().equals(state.fileHash())) {
            try {
                changed = read(binding, state);
            } catch (WorkbookException e) {
                store.report(binding.key(), e.kind().problem(), null, e.getMessage());
                log.warn("Workbook for {} not read: {}", binding.type(), e.getMessage());
                return 0;
            }
        }
        store.saveFile(binding.key(), stamp, state.rows());
        return changed + (store.pending(binding.key()).isEmpty() ? 0 : writePendingIds(binding));
    }

    /** Writes the ids of adopted rows (a write with no records), unless someone has the workbook open. */
    private int writePendingIds(ExcelBinding binding) {
        try {
            writer.write(binding, List.of());
        } catch (WorkbookException | IOException e) {
            log.info("Ids of hand-added rows in {} wait: {}", binding.workbook().getFileName(), e.getMessage());
        }
        return 0;
    }

    private int read(ExcelBinding binding, ExcelSyncStore.BindingState state) throws WorkbookException, IOException {
        try (WorkbookPackage workbook = WorkbookPackage.open(binding.workbook())) {
            String part = workbook.sheetPart(binding.sheet());
            SharedStrings strings = WorkbookWriter.sharedStrings(workbook);
            RowDigest digest = new RowDigest(binding, state.headers());
            try (InputStream in = workbook.read(part)) {
                SheetScanner.scan(in, strings, digest);
            }
            if (digest.gone != null) {
                throw new WorkbookException(WorkbookException.Kind.HEADER_MISSING, digest.gone);
            }
            store.resolve(binding.key(), "header_missing", "sheet_missing", "workbook_unreadable");
            Set<String> changedIds = changedIds(binding, digest);
            int changed = 0;
            if (!changedIds.isEmpty()) {
                Map<String, Map<String, String>> texts = textsOf(binding, workbook, part, strings, changedIds);
                changed = apply(binding, texts);
            }
            digest.duplicates.forEach(id -> store.report(
                    binding.key(),
                    "duplicate_id",
                    id,
                    "Record " + id
                            + " appears in more than one row; chatbridge keeps the first and ignores the others."));
            return changed + adopt(binding, digest.handAdded);
        }
    }

    /** Ids whose row differs from the last synced state; rows gone from the sheet are reported deleted. */
    private Set<String> changedIds(ExcelBinding binding, RowDigest digest) {
        Set<String> changed = new HashSet<>();
        store.eachRow(binding.key(), row -> {
            if (!"synced".equals(row.state())) {
                return;
            }
            Long current = digest.rowHashes.get(row.humanId());
            if (current == null) {
                store.markDeleted(binding.key(), row.recordId());
                store.report(
                        binding.key(),
                        "row_deleted",
                        row.humanId(),
                        "The row of " + row.humanId() + " was deleted from sheet '" + binding.sheet() + "'.");
                log.warn(
                        "Row of {} was deleted from {}",
                        row.humanId(),
                        binding.workbook().getFileName());
            } else if (current != RowDigest.combined(row.hashes(), digest.fields)) {
                changed.add(row.humanId());
            }
        });
        return changed;
    }

    /** A second pass, only when something changed: the texts of the changed rows. */
    private static Map<String, Map<String, String>> textsOf(
            ExcelBinding binding, WorkbookPackage workbook, String part, SharedStrings strings, Set<String> ids)
            throws IOException {
        Map<String, Map<String, String>> texts = new HashMap<>();
        try (InputStream in = workbook.read(part)) {
            SheetScanner.scan(in, strings, new SheetScanner.Visitor() {
                BoundColumns columns;

                @Override
                public Set<Integer> header(List<String> headers) {
                    columns = new BoundColumns(binding, headers);
                    return columns.indexes();
                }

                @Override
                public void row(int number, Map<Integer, SheetScanner.RawCell> cells) {
                    String id = columns.id(cells);
                    if (ids.contains(id)) {
                        texts.putIfAbsent(id, columns.texts(cells));
                    }
                }
            });
        }
        return texts;
    }

    private int apply(ExcelBinding binding, Map<String, Map<String, String>> texts) {
        Map<String, ExcelSyncStore.SyncedRow> synced = store.rowsByHumanId(binding.key(), texts.keySet());
        Map<Long, RecordSnapshot> current =
                records
                        .snapshots(synced.values().stream()
                                .map(ExcelSyncStore.SyncedRow::recordId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(RecordSnapshot::id, Function.identity()));
        texts.forEach((id, row) -> {
            ExcelSyncStore.SyncedRow last = synced.get(id);
            apply(binding, row, last, current.get(last.recordId()));
        });
        return texts.size();
    }

    private void apply(
            ExcelBinding binding, Map<String, String> row, ExcelSyncStore.SyncedRow last, RecordSnapshot record) {
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>(last.hashes());
        row.forEach((field, text) -> {
            String hash = Hashes.shortHash(text);
            String recordText = ExcelCells.toCell(SheetPlan.value(binding, record, field), binding.typeOf(field), null)
                    .text();
            if (!hash.equals(last.hashes().get(field)) && !recordText.equals(text)) {
                changes.put(field, ExcelCells.fromText(text, binding.typeOf(field)));
            }
            hashes.put(field, hash);
        });
        transaction.executeWithoutResult(status -> {
            if (!changes.isEmpty()) {
                var outcome = records.applyChange(record.humanId(), ORIGIN, changes, "excel:" + binding.key());
                log.info(
                        "Workbook change to {}: applied {}, conflicts {}",
                        record.humanId(),
                        outcome.applied(),
                        outcome.conflicts());
            }
            store.markSynced(binding.key(), List.of(new ExcelSyncStore.Synced(record.id(), record.humanId(), hashes)));
        });
    }

    /** Rows staff typed without an id become records; their ids go into the rows on the next write. */
    private int adopt(ExcelBinding binding, List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Set<String> known = new HashSet<>();
        store.pending(binding.key()).forEach(p -> known.add(p.fingerprint()));
        int adopted = 0;
        for (Map<String, String> row : rows) {
            String fingerprint = BoundColumns.fingerprint(row);
            if (known.add(fingerprint)) {
                transaction.executeWithoutResult(status -> create(binding, row, fingerprint));
                adopted++;
            }
        }
        log.info(
                "{} rows added by hand to {} became records",
                adopted,
                binding.workbook().getFileName());
        return adopted;
    }

    private void create(ExcelBinding binding, Map<String, String> row, String fingerprint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        row.forEach((field, text) -> {
            if (!ExcelBinding.STATUS_FIELD.equals(field) && !text.isBlank()) {
                fields.put(field, ExcelCells.fromText(text, binding.typeOf(field)));
            }
        });
        String status = row.getOrDefault(ExcelBinding.STATUS_FIELD, "");
        RecordSnapshot created = records.createFromConnector(
                binding.type(),
                ORIGIN,
                fields,
                status.isBlank() ? binding.newStatus() : status,
                "excel:" + binding.key());
        store.markIdPending(binding.key(), created.id(), created.humanId(), fingerprint, BoundColumns.hashes(row));
    }

    /** The scan's view: one combined hash per id (a few bytes per row), and hand-added rows in full. */
    private static final class RowDigest implements SheetScanner.Visitor {
        private final ExcelBinding binding;
        private final List<String> known;
        final Map<String, Long> rowHashes = new HashMap<>();
        final Set<String> duplicates = new HashSet<>();
        final List<Map<String, String>> handAdded = new ArrayList<>();
        List<String> fields = List.of();
        BoundColumns columns;
        String gone;

        RowDigest(ExcelBinding binding, List<String> known) {
            this.binding = binding;
            this.known = known;
        }

        @Override
        public Set<Integer> header(List<String> headers) {
            List<String> missing = binding.columns().keySet().stream()
                    .filter(h -> !headers.contains(h) && known.contains(h))
                    .toList();
            columns = new BoundColumns(binding, headers);
            if (!missing.isEmpty()) {
                gone = "Sheet '" + binding.sheet() + "' no longer has the column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(
                                ", ", missing.stream().map(h -> "'" + h + "'").toList())
                        + ". Someone renamed or removed it; put the header back (or change the mapping) and syncing resumes.";
            }
            if (gone != null || !columns.hasIdColumn()) {
                return Set.of();
            }
            return columns.indexes();
        }

        @Override
        public void row(int number, Map<Integer, SheetScanner.RawCell> cells) {
            if (gone != null || !columns.hasIdColumn()) {
                return;
            }
            String id = columns.id(cells);
            Map<String, String> texts = columns.texts(cells);
            if (fields.isEmpty()) {
                fields = new ArrayList<>(texts.keySet());
            }
            if (id.isEmpty()) {
                if (!BoundColumns.blank(texts)) {
                    handAdded.add(texts);
                }
            } else if (rowHashes.putIfAbsent(id, combined(BoundColumns.hashes(texts), fields)) != null) {
                duplicates.add(id);
            }
        }

        /** One number for a row's field hashes (a field absent from the map counts as unknown). */
        static long combined(Map<String, String> hashes, List<String> fields) {
            long h = 1125899906842597L;
            for (String field : fields) {
                String hash = hashes.get(field);
                h = 31 * h + (hash == null ? 0 : Long.parseUnsignedLong(hash, 16));
            }
            return h;
        }
    }
}
