package io.chatbridge.connector.excel;

import io.chatbridge.record.RecordSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a batch of records into a bound sheet without loading the workbook: one streaming read of
 * the sheet to find ids, then one streaming copy of the package in which only the sheet (and, when a
 * new number format is needed, the styles part; when rows are appended, tables ending at the last row)
 * change. Every other part is copied raw, compressed bytes and all, which is both what keeps formulas,
 * formats, widths, filters, validation and named ranges exactly as they were and what makes a 100k-row
 * workbook cost a second or two instead of a gigabyte of heap. The result replaces the file atomically.
 */
final class WorkbookWriter {

    /** What a write did: records written (updated or appended) and the sheet's rows afterwards. */
    record Outcome(int written, int appended, int rows) {}

    private static final Logger log = LoggerFactory.getLogger(WorkbookWriter.class);

    private final ExcelSyncStore store;

    WorkbookWriter(ExcelSyncStore store) {
        this.store = store;
    }

    Outcome write(ExcelBinding binding, List<RecordSnapshot> batch) throws WorkbookException, IOException {
        Path file = binding.workbook();
        WorkbookFiles.checkNotOpen(file);
        if (!Files.exists(file)) {
            WorkbookFiles.create(
                    file, binding.sheet(), new ArrayList<>(binding.columns().keySet()));
            log.info("Created workbook {} with sheet '{}'", file, binding.sheet());
        }
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        String key = binding.key();
        try (WorkbookPackage workbook = WorkbookPackage.open(file)) {
            String sheetPart = workbook.sheetPart(binding.sheet());
            Scan scan = scan(binding, workbook, sheetPart);
            SheetPlan plan = plan(binding, scan, batch);
            if (!plan.isEmpty()) {
                rewrite(workbook, sheetPart, scan, plan, file);
            }
            checkUnchanged(file, size, mtime);
            if (!plan.isEmpty()) {
                WorkbookFiles.replace(tempOf(file), file);
            }
            store.saveFile(key, WorkbookFiles.stamp(file), plan.lastRow());
            store.saveHeaders(key, new ArrayList<>(binding.columns().keySet()));
            store.markSynced(
                    key,
                    plan.done().stream()
                            .map(p -> new ExcelSyncStore.Synced(
                                    p.record().id(), p.record().humanId(), p.hashes()))
                            .toList());
            store.resolve(key, "workbook_locked", "workbook_unreadable", "sheet_missing", "header_missing");
            return new Outcome(plan.done().size(), plan.appended(), plan.lastRow());
        } catch (IOException e) {
            throw new WorkbookException(
                    WorkbookException.Kind.WORKBOOK_UNREADABLE,
                    "The workbook " + file.getFileName() + " could not be read or written: " + e.getMessage(),
                    e);
        } finally {
            Files.deleteIfExists(tempOf(file));
        }
    }

    /** What the read pass found: headers, where each id is, hand-added rows by fingerprint. */
    private static final class Scan {
        List<String> headers = List.of();
        BoundColumns columns;
        final Map<String, Integer> rowOfId = new HashMap<>();
        final Set<String> duplicates = new HashSet<>();
        final Map<String, Integer> handAdded = new HashMap<>();
        SheetScanner.Extent extent;
    }

    private Scan scan(ExcelBinding binding, WorkbookPackage workbook, String sheetPart) throws IOException {
        SharedStrings strings = sharedStrings(workbook);
        boolean pending = !store.pending(binding.key()).isEmpty();
        Scan scan = new Scan();
        try (InputStream in = workbook.read(sheetPart)) {
            scan.extent = SheetScanner.scan(in, strings, new SheetScanner.Visitor() {
                @Override
                public Set<Integer> header(List<String> headers) {
                    scan.headers = headers;
                    scan.columns = new BoundColumns(binding, headers);
                    return scan.columns.hasIdColumn() ? scan.columns.indexes() : Set.of();
                }

                @Override
                public void row(int number, Map<Integer, SheetScanner.RawCell> cells) {
                    if (!scan.columns.hasIdColumn()) {
                        return;
                    }
                    String id = scan.columns.id(cells);
                    if (!id.isEmpty()) {
                        if (scan.rowOfId.putIfAbsent(id, number) != null) {
                            scan.duplicates.add(id);
                        }
                    } else if (pending) {
                        Map<String, String> texts = scan.columns.texts(cells);
                        if (!BoundColumns.blank(texts)) {
                            scan.handAdded.putIfAbsent(BoundColumns.fingerprint(texts), number);
                        }
                    }
                }
            });
        }
        return scan;
    }

    static SharedStrings sharedStrings(WorkbookPackage workbook) throws IOException {
        if (workbook.sharedStringsPart().isEmpty()) {
            return SharedStrings.NONE;
        }
        try (InputStream in = workbook.read(workbook.sharedStringsPart().get())) {
            return SharedStrings.read(in);
        }
    }

    private SheetPlan plan(ExcelBinding binding, Scan scan, List<RecordSnapshot> batch) throws WorkbookException {
        List<String> known = store.binding(binding.key()).headers();
        List<String> gone = binding.columns().keySet().stream()
                .filter(h -> !scan.headers.contains(h) && known.contains(h))
                .toList();
        if (!gone.isEmpty()) {
            throw new WorkbookException(
                    WorkbookException.Kind.HEADER_MISSING,
                    "Sheet '" + binding.sheet() + "' no longer has the column" + (gone.size() > 1 ? "s " : " ")
                            + String.join(
                                    ", ", gone.stream().map(h -> "'" + h + "'").toList())
                            + ". Someone renamed or removed it; put the header back (or change the mapping) and syncing resumes.");
        }
        SheetPlan plan = new SheetPlan(binding, scan.headers, scan.extent.lastRow());
        plan.addMissingHeaders(scan.headers);
        Map<Long, ExcelSyncStore.SyncedRow> synced =
                store.rows(binding.key(), batch.stream().map(RecordSnapshot::id).toList());
        for (RecordSnapshot record : batch) {
            Integer row = scan.rowOfId.get(record.humanId());
            ExcelSyncStore.SyncedRow last = synced.get(record.id());
            if (row != null) {
                plan.update(row, record, last);
            } else if (last != null && ("synced".equals(last.state()) || "deleted".equals(last.state()))) {
                reportDeleted(binding, record, last);
            } else if (last == null || !"id_pending".equals(last.state())) {
                plan.append(record);
            }
        }
        writePendingIds(binding, scan, plan);
        scan.duplicates.forEach(id -> store.report(
                binding.key(),
                "duplicate_id",
                id,
                "Record " + id
                        + " appears in more than one row; chatbridge updates the first and ignores the others."));
        return plan;
    }

    /** Hand-added rows the watcher made records of get their ids now, found again by their content. */
    private void writePendingIds(ExcelBinding binding, Scan scan, SheetPlan plan) {
        List<ExcelSyncStore.Synced> found = new ArrayList<>();
        for (ExcelSyncStore.SyncedRow pending : store.pending(binding.key())) {
            Integer row = scan.handAdded.get(pending.fingerprint());
            if (row != null) {
                plan.writeId(row, pending.humanId());
                found.add(new ExcelSyncStore.Synced(pending.recordId(), pending.humanId(), pending.hashes()));
            }
        }
        store.markSynced(binding.key(), found);
    }

    private void reportDeleted(ExcelBinding binding, RecordSnapshot record, ExcelSyncStore.SyncedRow last) {
        if ("synced".equals(last.state())) {
            store.markDeleted(binding.key(), record.id());
        }
        store.report(
                binding.key(),
                "row_deleted",
                record.humanId(),
                "The row of " + record.humanId() + " was deleted from sheet '" + binding.sheet()
                        + "'; it is not re-created.");
    }

    private void rewrite(WorkbookPackage workbook, String sheetPart, Scan scan, SheetPlan plan, Path file)
            throws IOException {
        CellStyles styles = null;
        Map<String, Integer> indexes = Map.of();
        if (!plan.formats().isEmpty() && workbook.stylesPart().isPresent()) {
            try (InputStream in = workbook.read(workbook.stylesPart().get())) {
                styles = CellStyles.read(in);
            }
            indexes = styles.indexesOf(plan.formats());
        }
        SheetRewriter.Plan rewrite = plan.toRewrite(scan.extent.lastRow(), scan.extent.lastColumn(), indexes);
        Set<String> tables = new HashSet<>(workbook.tableParts(sheetPart));
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(tempOf(file))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipArchiveEntry entry : Collections.list(workbook.zip().getEntriesInPhysicalOrder())) {
                String name = entry.getName();
                if (name.equals(sheetPart)) {
                    putXml(out, name, workbook, (in, w) -> SheetRewriter.rewrite(in, w, rewrite));
                } else if (tables.contains(name) && rewrite.newLastRow() > rewrite.oldLastRow()) {
                    putXml(out, name, workbook, (in, w) -> SheetRewriter.rewriteTable(in, w, rewrite));
                } else if (styles != null
                        && styles.changed()
                        && name.equals(workbook.stylesPart().get())) {
                    ZipArchiveEntry replaced = new ZipArchiveEntry(name);
                    replaced.setMethod(ZipEntry.DEFLATED);
                    out.putArchiveEntry(replaced);
                    out.write(styles.bytes());
                    out.closeArchiveEntry();
                } else {
                    out.addRawArchiveEntry(entry, workbook.zip().getRawInputStream(entry));
                }
            }
        }
    }

    private interface PartWriter {
        void write(InputStream in, Writer out) throws IOException;
    }

    private static void putXml(ZipArchiveOutputStream out, String name, WorkbookPackage workbook, PartWriter part)
            throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        out.putArchiveEntry(entry);
        Writer writer =
                new BufferedWriter(new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8), 1 << 16);
        try (InputStream in = workbook.read(name)) {
            part.write(in, writer);
        }
        writer.flush();
        out.closeArchiveEntry();
    }

    /** Someone saved the workbook, or opened it, while we were writing: do not overwrite their work. */
    private static void checkUnchanged(Path file, long size, long mtime) throws WorkbookException, IOException {
        WorkbookFiles.checkNotOpen(file);
        if (!WorkbookFiles.sameSizeAndTime(file, size, mtime)) {
            throw new WorkbookException(
                    WorkbookException.Kind.CHANGED_MEANWHILE,
                    "The workbook " + file.getFileName()
                            + " was saved by someone while chatbridge wrote it; writing again.");
        }
    }

    static Path tempOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".chatbridge-tmp");
    }

    /** Lets a Writer be flushed into a zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
