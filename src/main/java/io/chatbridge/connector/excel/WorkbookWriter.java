package io.chatbridge.connector.excel;

import io.chatbridge.record.RecordSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
    private final Consumer<Path> afterWrite;

    WorkbookWriter(ExcelSyncStore store) {
        this(store, file -> {});
    }

    /**
     * A test's way to save the workbook as staff would at the worst moment: {@code afterWrite} runs once
     * the workbook on disk is final (replaced, or checked unchanged) and before the write is remembered.
     * Nothing else can time a save that deterministically; production passes nothing.
     */
    WorkbookWriter(ExcelSyncStore store, Consumer<Path> afterWrite) {
        this.store = store;
        this.afterWrite = afterWrite;
    }

    Outcome write(ExcelBinding binding, List<RecordSnapshot> batch) throws WorkbookException, IOException {
        Path file = binding.workbook();
        WorkbookFiles.checkNotOpen(file);
        if (!Files.exists(file)) {
            create(binding, file);
        }
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        String key = binding.key();
        ExcelSyncStore.BindingState state = store.binding(key);
        try (WorkbookPackage workbook = WorkbookPackage.open(file)) {
            String sheetPart = workbook.sheetPart(binding.sheet());
            SheetPlan plan = new SheetPlan(
                    binding,
                    batch,
                    store.rows(key, batch.stream().map(RecordSnapshot::id).toList()),
                    store.pending(key),
                    state.headers(),
                    Map.of());
            SheetRewriter.Result result = rewrite(workbook, sheetPart, binding, batch, plan, file);
            // stamped before the move (a rename keeps size, time and content): a save after it is not ours
            WorkbookFiles.Stamp written = plan.changed() ? WorkbookFiles.stamp(tempOf(file)) : null;
            checkUnchanged(file, size, mtime);
            if (written != null) {
                WorkbookFiles.replace(tempOf(file), file);
            }
            afterWrite.accept(file);
            remember(binding, plan, result, seenBefore(state, size, mtime) ? written : null);
            return new Outcome(plan.done().size(), plan.appended(), result.newLastRow());
        } catch (SheetPlan.HeaderGone e) {
            throw new WorkbookException(WorkbookException.Kind.HEADER_MISSING, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new WorkbookException(
                    WorkbookException.Kind.WORKBOOK_UNREADABLE,
                    "The workbook " + file.getFileName() + " could not be read or written: " + e.getMessage(),
                    e);
        } finally {
            Files.deleteIfExists(tempOf(file));
        }
    }

    /**
     * Whether the file we read is the one chatbridge last wrote or the watcher last read. If not, it holds
     * a save by staff the watcher has yet to read, and our write must not be remembered as the whole file.
     */
    private static boolean seenBefore(ExcelSyncStore.BindingState state, long size, long mtime) {
        return Long.valueOf(size).equals(state.fileSize())
                && Long.valueOf(mtime).equals(state.fileMtime());
    }

    /** A workbook someone put there since we looked is written into, never replaced by an empty one. */
    private static void create(ExcelBinding binding, Path file) throws IOException {
        try {
            WorkbookFiles.create(
                    file, binding.sheet(), new ArrayList<>(binding.columns().keySet()));
            log.info("Created workbook {} with sheet '{}'", file, binding.sheet());
        } catch (FileAlreadyExistsException e) {
            log.info("Workbook {} appeared while chatbridge was creating it; writing into it instead", file);
        }
    }

    /**
     * Saves what the write did: synced rows, deleted rows and duplicates for the admin, and the file.
     * {@code written} is the stamp of the file we wrote, remembered so the watcher does not read our own
     * write back. Null keeps the stamp remembered before (the watcher then reads the file at its next poll,
     * and the synced rows' hashes keep our own cells from coming back as changes): when we changed nothing
     * (the file is as the stamp says, or holds a save the watcher has yet to read) or when the file we
     * read already held such a save.
     */
    private void remember(
            ExcelBinding binding, SheetPlan plan, SheetRewriter.Result result, WorkbookFiles.Stamp written) {
        String key = binding.key();
        if (written != null) {
            store.saveFile(key, written, result.newLastRow());
        } else {
            store.saveRows(key, result.newLastRow());
        }
        store.saveHeaders(key, new ArrayList<>(binding.columns().keySet()));
        store.markSynced(
                key,
                plan.done().stream()
                        .map(p -> new ExcelSyncStore.Synced(p.recordId(), p.humanId(), p.hashes()))
                        .toList());
        Map<Long, ExcelSyncStore.SyncedRow> synced =
                store.rows(key, plan.deleted().stream().map(RecordSnapshot::id).toList());
        plan.deleted().forEach(record -> reportDeleted(binding, record, synced.get(record.id())));
        plan.duplicates()
                .forEach(
                        id -> store.report(
                                key,
                                "duplicate_id",
                                id,
                                "Record " + id
                                        + " appears in more than one row; chatbridge updates the first and ignores the others."));
        store.resolve(key, "workbook_locked", "workbook_unreadable", "sheet_missing", "header_missing");
    }

    static SharedStrings sharedStrings(WorkbookPackage workbook) throws IOException {
        if (workbook.sharedStringsPart().isEmpty()) {
            return SharedStrings.NONE;
        }
        try (InputStream in = workbook.read(workbook.sharedStringsPart().get())) {
            return SharedStrings.read(in);
        }
    }

    private void reportDeleted(ExcelBinding binding, RecordSnapshot record, ExcelSyncStore.SyncedRow last) {
        if (last != null && "synced".equals(last.state())) {
            store.markDeleted(binding.key(), record.id());
        }
        store.report(
                binding.key(),
                "row_deleted",
                record.humanId(),
                "The row of " + record.humanId() + " was deleted from sheet '" + binding.sheet()
                        + "'; it is not re-created.");
    }

    /**
     * Writes the new package to the temporary file: the sheet streamed through the plan, the styles part
     * if a number format had to be added, tables of the sheet grown to the new last row (after the sheet,
     * once that is known), every other part copied raw.
     */
    private SheetRewriter.Result rewrite(
            WorkbookPackage workbook,
            String sheetPart,
            ExcelBinding binding,
            List<RecordSnapshot> batch,
            SheetPlan plan,
            Path file)
            throws IOException {
        CellStyles styles = styles(workbook, binding, batch);
        SheetPlan planned =
                styles == null ? plan : plan.withStyles(styles.indexesOf(SheetPlan.formats(binding, batch)));
        SharedStrings strings = sharedStrings(workbook);
        Set<String> tables = new HashSet<>(workbook.tableParts(sheetPart));
        List<ZipArchiveEntry> deferred = new ArrayList<>();
        SheetRewriter.Result[] result = {new SheetRewriter.Result(0, 0)};
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(tempOf(file))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipArchiveEntry entry : Collections.list(workbook.zip().getEntriesInPhysicalOrder())) {
                String name = entry.getName();
                if (name.equals(sheetPart)) {
                    putXml(out, name, workbook, (in, w) -> result[0] = SheetRewriter.rewrite(in, w, planned, strings));
                } else if (tables.contains(name)) {
                    deferred.add(entry);
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
            for (ZipArchiveEntry table : deferred) {
                putXml(out, table.getName(), workbook, (in, w) -> SheetRewriter.rewriteTable(in, w, result[0]));
            }
        }
        return result[0];
    }

    private static CellStyles styles(WorkbookPackage workbook, ExcelBinding binding, List<RecordSnapshot> batch)
            throws IOException {
        if (SheetPlan.formats(binding, batch).isEmpty() || workbook.stylesPart().isEmpty()) {
            return null;
        }
        try (InputStream in = workbook.read(workbook.stylesPart().get())) {
            return CellStyles.read(in);
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
