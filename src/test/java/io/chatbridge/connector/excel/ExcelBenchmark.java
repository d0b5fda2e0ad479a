package io.chatbridge.connector.excel;

import io.chatbridge.record.RecordSnapshot;
import io.chatbridge.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writing records into a big workbook: chatbridge's streaming writer against POI's XSSF, on the same
 * generated workbook (shared strings, as Excel saves them). Prints milliseconds per record amortised
 * and the peak heap used (sum of the heap pools' peaks), so a run with {@code -Xmx128m} proves the bound.
 *
 * <pre>
 * java … ExcelBenchmark generate FILE ROWS
 * java -Xmx128m … ExcelBenchmark stream FILE BATCHES BATCH_SIZE     # chatbridge: half updates, half appends
 * java -Xmx2g  … ExcelBenchmark xssf-naive FILE RECORDS             # baseline: open-change-save per record
 * java -Xmx2g  … ExcelBenchmark xssf-batch FILE BATCH_SIZE          # one XSSF open-change-save for a batch
 * java -Xmx128m … ExcelBenchmark export FILE ROWS                   # append-only SXSSF export (payments)
 * </pre>
 */
public final class ExcelBenchmark {

    static final List<String> HEADERS =
            WorkbookWriterIT.columns().keySet().stream().toList();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(file, Integer.parseInt(args[2]));
            case "stream" -> stream(file, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "xssf-naive" -> xssfNaive(file, Integer.parseInt(args[2]));
            case "xssf-batch" -> xssfBatch(file, Integer.parseInt(args[2]));
            case "export" -> export(file, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void generate(Path file, int rows) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(null, 200, true, true)) {
            SXSSFSheet sheet = book.createSheet("Bookings");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                header.createCell(i).setCellValue(HEADERS.get(i));
            }
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(id(r));
                Cell d = row.createCell(1);
                d.setCellValue(LocalDate.of(2026, 1, 1).plusDays(r % 365));
                d.setCellStyle(date);
                row.createCell(2).setCellValue(String.format("%02d:%02d", 12 + r % 10, (r % 4) * 15));
                row.createCell(3).setCellValue(1 + r % 12);
                row.createCell(4).setCellValue("table");
                row.createCell(5).setCellValue("Guest " + r);
                row.createCell(6).setCellValue("+4477009" + String.format("%05d", r % 100000));
                row.createCell(7).setCellValue(r % 3 == 0 ? "confirmed" : "new");
                row.createCell(8).setCellValue(r % 5 == 0 ? "window seat please, birthday " + r : "");
            }
            book.createSheet("Summary").createRow(0).createCell(0).setCellFormula("COUNTA(Bookings!A:A)-1");
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        System.out.printf("generated %s: %,d rows, %,d bytes%n", file, rows, Files.size(file));
    }

    /** chatbridge's writer: each batch updates existing rows (by id) and appends as many new records. */
    static void stream(Path file, int batches, int batchSize) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            ExcelSyncStore store = new ExcelSyncStore(db.jdbc, db.dataSource, db.json);
            WorkbookWriter writer = new WorkbookWriter(store);
            ExcelBinding binding = WorkbookWriterIT.binding(file);
            int rows = rows(file);
            List<Double> perRecord = new ArrayList<>();
            List<Double> cpuPerRecord = new ArrayList<>();
            resetPeaks();
            for (int b = 0; b < batches; b++) {
                List<RecordSnapshot> batch = new ArrayList<>();
                for (int i = 0; i < batchSize / 2; i++) {
                    int existing = 1 + (int) ((long) (b * batchSize + i) * 7919 % rows);
                    batch.add(db.record(id(existing), "booking", "new", fields(existing, 99)));
                }
                for (int i = batch.size(); i < batchSize; i++) {
                    int fresh = rows + b * batchSize + i;
                    batch.add(db.record(id(fresh), "booking", "new", fields(fresh, 2)));
                }
                long start = System.nanoTime();
                long cpuStart = cpuNanos();
                WorkbookWriter.Outcome outcome = writer.write(binding, batch);
                double ms = (System.nanoTime() - start) / 1e6;
                double cpuMs = (cpuNanos() - cpuStart) / 1e6;
                perRecord.add(ms / batchSize);
                cpuPerRecord.add(cpuMs / batchSize);
                System.out.printf(
                        "stream batch %d: %,d records (%d appended) in %,.0f ms (%,.0f ms CPU) = %.2f ms/record, %,d rows%n",
                        b + 1, batchSize, outcome.appended(), ms, cpuMs, ms / batchSize, outcome.rows());
            }
            System.out.printf(
                    "RESULT stream: %.2f ms/record amortised wall, %.2f ms/record CPU (median of %d batches of %d), peak heap %d MB, max heap %d MB%n",
                    median(perRecord),
                    median(cpuPerRecord),
                    batches,
                    batchSize,
                    peakHeapMb(),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** The append-only export: a million payments through SXSSF in a small heap. */
    static void export(Path file, int rows) throws IOException {
        resetPeaks();
        long start = System.nanoTime();
        long written;
        try (OutputStream out = Files.newOutputStream(file)) {
            written = WorkbookExport.write(
                    "payment",
                    WorkbookExportTests.COLUMNS,
                    each -> {
                        for (int i = 1; i <= rows; i++) {
                            each.accept(WorkbookExportTests.payment(i));
                        }
                    },
                    out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "RESULT export: %,d rows in %.1f s (%,.0f rows/s), %,d bytes, peak heap %d MB, max heap %d MB%n",
                written,
                seconds,
                written / seconds,
                Files.size(file),
                peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The baseline: XSSF open, change one row, save, per record. */
    static void xssfNaive(Path file, int records) throws IOException {
        resetPeaks();
        List<Double> perRecord = new ArrayList<>();
        List<Double> cpuPerRecord = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            xssfUpsert(file, Map.of(id(1 + i * 7919 % 50000), 99));
            double ms = (System.nanoTime() - start) / 1e6;
            perRecord.add(ms);
            cpuPerRecord.add((cpuNanos() - cpuStart) / 1e6);
            System.out.printf("xssf-naive record %d: %,.0f ms%n", i + 1, ms);
        }
        System.out.printf(
                "RESULT xssf-naive: %.2f ms/record wall, %.2f ms/record CPU (median of %d), peak heap %d MB, max heap %d MB%n",
                median(perRecord),
                median(cpuPerRecord),
                records,
                peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** XSSF with a batch: one open-change-save for many records (the "full rewrite" option). */
    static void xssfBatch(Path file, int batchSize) throws IOException {
        resetPeaks();
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (int i = 0; i < batchSize; i++) {
            changes.put(id(1 + i * 7919 % 50000), 99);
        }
        long start = System.nanoTime();
        xssfUpsert(file, changes);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf(
                "RESULT xssf-batch: %.2f ms/record (one rewrite of %d records, %,.0f ms), peak heap %d MB, max heap %d MB%n",
                ms / batchSize,
                batchSize,
                ms,
                peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void xssfUpsert(Path file, Map<String, Integer> guestsById) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet sheet = book.getSheet("Bookings");
            for (Row row : sheet) {
                Cell id = row.getCell(0);
                Integer guests = id == null ? null : guestsById.get(id.getStringCellValue());
                if (guests != null) {
                    row.getCell(3).setCellValue(guests);
                }
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                book.write(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int rows(Path file) throws Exception {
        try (WorkbookPackage workbook = WorkbookPackage.open(file);
                InputStream in = workbook.read(workbook.sheetPart("Bookings"))) {
            return SheetScanner.scan(in, SharedStrings.NONE, new SheetScanner.Visitor() {
                                @Override
                                public Set<Integer> header(List<String> headers) {
                                    return Set.of();
                                }

                                @Override
                                public void row(int number, Map<Integer, SheetScanner.RawCell> cells) {}
                            })
                            .lastRow()
                    - 1;
        }
    }

    static Map<String, Object> fields(int n, int guests) {
        return WorkbookWriterIT.booking(
                LocalDate.of(2026, 1, 1).plusDays(n % 365).toString(), "19:30", guests, "Guest " + n, "bench " + n);
    }

    static String id(int n) {
        return "BK-" + String.format("%06d", n);
    }

    /** CPU time of the benchmark thread: the number to trust on a machine shared with other builds. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed())
                        .sum()
                >> 20;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
