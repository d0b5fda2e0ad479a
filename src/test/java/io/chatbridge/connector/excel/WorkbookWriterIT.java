package io.chatbridge.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.record.RecordSnapshot;
import io.chatbridge.support.TestDatabase;
import io.chatbridge.support.excel.LibreOffice;
import io.chatbridge.support.excel.TestWorkbooks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming writer against real .xlsx files and a real database: upsert by id, typed cells, and
 * everything else in the workbook left as it was, checked with POI and, independently, with
 * LibreOffice. Broken, open and mismatched workbooks are refused with a clear reason and left alone.
 */
class WorkbookWriterIT {

    static final Map<String, String> COLUMNS = columns();
    static final Map<String, String> TYPES = Map.of(
            "event_date", "date",
            "event_time", "time",
            "guests", "integer",
            "item", "text",
            "customer_name", "text",
            "phone", "phone",
            "notes", "text",
            "status", "text");

    static TestDatabase db;
    static ExcelSyncStore store;
    static WorkbookWriter writer;
    static int next = 1;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        db = new TestDatabase();
        store = new ExcelSyncStore(db.jdbc, db.dataSource, db.json);
        writer = new WorkbookWriter(store);
    }

    @AfterAll
    static void stop() throws IOException {
        db.close();
    }

    @Test
    void upsertsByIdKeepingFormulasStylesWidthsFilterValidationAndNamesAsTheyWere() throws Exception {
        Path file = TestWorkbooks.furnished(
                dir.resolve("bookings.xlsx"),
                List.of(
                        List.of("BK-OLD1", "", "", "", "", "Staff Row", "", "confirmed", "typed by staff"),
                        List.of("", "", "", "", "", "a note row without id", "", "", "")));
        ExcelBinding binding = binding(file);
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana", "=HYPERLINK(\"http://x\")"));
        RecordSnapshot bo = record("confirmed", booking("2026-12-06", "20:00", 4, "Bo", "line one\nline two"));

        WorkbookWriter.Outcome outcome = writer.write(binding, List.of(ana, bo));

        assertThat(outcome.appended()).isEqualTo(2);
        try (XSSFWorkbook book = open(file)) {
            XSSFSheet sheet = book.getSheet("Bookings");
            Row row = rowOf(sheet, ana.humanId());
            assertThat(row.getRowNum()).isEqualTo(3);
            Cell date = row.getCell(1);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).hasToString("2026-12-05");
            assertThat(new DataFormatter().formatCellValue(date)).isEqualTo("2026-12-05");
            assertThat(row.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(8.0);
            assertThat(row.getCell(8).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\")");
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo("new");
            assertThat(rowOf(sheet, bo.humanId()).getCell(8).getStringCellValue())
                    .isEqualTo("line one\nline two");
            assertThat(rowOf(sheet, "BK-OLD1").getCell(8).getStringCellValue()).isEqualTo("typed by staff");
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold())
                    .isTrue();
            assertThat(sheet.getColumnWidth(5)).isEqualTo(30 * 256);
            assertThat(sheet.getColumnWidth(8)).isEqualTo(50 * 256);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:I5");
            assertThat(sheet.getDataValidations()).hasSize(1);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(book.getName("BookingData").getRefersToFormula()).isEqualTo("Bookings!$A$1:$I$1000");
            XSSFSheet summary = book.getSheet("Summary");
            assertThat(summary.getRow(0).getCell(1).getCellFormula()).isEqualTo("COUNTIF(Bookings!H:H,\"confirmed\")");
            assertThat(summary.getRow(1).getCell(1).getCellFormula()).isEqualTo("SUM(Bookings!D:D)");
        }
    }

    @Test
    void anUpdateRewritesOnlyTheChangedCellsOfTheRowWithThatIdAndLeavesStaffColumnsAlone() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("update.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana", "window"));
        writer.write(binding, List.of(ana));
        editCell(file, ana.humanId(), 7, "confirmed");

        RecordSnapshot changed = new RecordSnapshot(
                ana.id(),
                ana.humanId(),
                ana.type(),
                2,
                "new",
                true,
                booking("2026-12-05", "19:30", 10, "Ana", "window"),
                null,
                null,
                ana.createdAt(),
                ana.updatedAt());
        writer.write(binding, List.of(changed));

        try (XSSFWorkbook book = open(file)) {
            Row row = rowOf(book.getSheet("Bookings"), ana.humanId());
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(10.0);
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo("confirmed");
            assertThat(book.getSheet("Bookings").getLastRowNum()).isEqualTo(1);
        }
    }

    @Test
    void ourOwnWriteIsRecognisedSoTheWatcherDoesNotReadItBack() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("own.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        watcherSaw(binding);

        writer.write(binding, List.of(record("new", booking("2026-12-05", "19:30", 8, "Ana", ""))));

        assertThat(watcherWouldRead(binding)).isFalse();
    }

    @Test
    void aStaffSaveRightAfterOurWriteIsReadBackNotTakenForOurs() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("after-write.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        watcherSaw(binding);
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana", ""));
        writer.write(binding, List.of(ana));
        WorkbookWriter racing = new WorkbookWriter(store, saved -> staffConfirm(saved, ana.humanId()));

        racing.write(binding, List.of(record("new", booking("2026-12-06", "20:00", 4, "Bo", ""))));

        assertThat(cellOf(file, ana.humanId(), 7)).isEqualTo("confirmed");
        assertThat(watcherWouldRead(binding)).isTrue();
    }

    @Test
    void aStaffSaveRightAfterAWriteThatChangedNothingIsReadBackNotTakenForOurs() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("after-nothing.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        watcherSaw(binding);
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana", ""));
        writer.write(binding, List.of(ana));
        WorkbookWriter racing = new WorkbookWriter(store, saved -> staffConfirm(saved, ana.humanId()));

        racing.write(binding, List.of(ana));

        assertThat(cellOf(file, ana.humanId(), 7)).isEqualTo("confirmed");
        assertThat(watcherWouldRead(binding)).isTrue();
    }

    @Test
    void aStaffSaveTheWatcherHasNotSeenYetIsReadBackAfterOurNextWrite() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("before-write.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        watcherSaw(binding);
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana", ""));
        writer.write(binding, List.of(ana));
        staffConfirm(file, ana.humanId());

        writer.write(binding, List.of(record("new", booking("2026-12-06", "20:00", 4, "Bo", ""))));

        assertThat(cellOf(file, ana.humanId(), 7)).isEqualTo("confirmed");
        assertThat(watcherWouldRead(binding)).isTrue();
    }

    @Test
    void aSheetLargerThanTheCopyBufferIsUpdatedAndAppendedCorrectly() throws Exception {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            rows.add(List.of("BK-BIG" + i, "", "", "", "", "Guest " + i, "", "new", "note " + i));
        }
        Path file = TestWorkbooks.furnished(dir.resolve("big.xlsx"), rows);
        ExcelBinding binding = binding(file);
        RecordSnapshot existing =
                db.record("BK-BIG2999", "booking", "confirmed", booking("2026-12-07", "", 3, "Guest 2999", ""));
        RecordSnapshot fresh = record("new", booking("2026-12-08", "", 4, "Newcomer", ""));

        writer.write(binding, List.of(existing, fresh));

        try (XSSFWorkbook book = open(file)) {
            XSSFSheet sheet = book.getSheet("Bookings");
            assertThat(sheet.getLastRowNum()).isEqualTo(3001);
            assertThat(rowOf(sheet, "BK-BIG2999").getCell(3).getNumericCellValue())
                    .isEqualTo(3.0);
            assertThat(rowOf(sheet, "BK-BIG2999").getRowNum()).isEqualTo(2999);
            assertThat(rowOf(sheet, "BK-BIG1500").getCell(8).getStringCellValue())
                    .isEqualTo("note 1500");
            assertThat(rowOf(sheet, fresh.humanId()).getRowNum()).isEqualTo(3001);
        }
    }

    @Test
    void libreOfficeReadsTheSameCellsAsPoi() throws Exception {
        Path file = TestWorkbooks.furnished(
                dir.resolve("crosscheck.xlsx"),
                List.of(List.of("BK-OLD2", "", "", "", "", "Staff Row", "", "confirmed", "")));
        ExcelBinding binding = binding(file);
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana Núñez 🎉", "=1+1"));
        writer.write(binding, List.of(ana));

        List<List<String>> cells = LibreOffice.firstSheet(file, dir);

        assertThat(cells.get(0)).containsExactlyElementsOf(TestWorkbooks.HEADERS);
        assertThat(cells.get(1)).startsWith("BK-OLD2");
        assertThat(cells.get(2))
                .containsExactly(
                        ana.humanId(),
                        "2026-12-05",
                        "19:30",
                        "8",
                        "table",
                        "Ana Núñez 🎉",
                        "+447700900123",
                        "new",
                        "=1+1");
    }

    @Test
    void aMissingWorkbookIsCreatedWithTheHeaderRow() throws Exception {
        Path file = dir.resolve("sub/new.xlsx");
        RecordSnapshot ana = record("new", booking("2026-12-05", "19:30", 8, "Ana", ""));

        writer.write(binding(file), List.of(ana));

        try (XSSFWorkbook book = open(file)) {
            XSSFSheet sheet = book.getSheet("Bookings");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Booking ID");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(ana.humanId());
        }
    }

    @Test
    void aWorkbookOpenInExcelOrLibreOfficeIsNotOverwritten() throws Exception {
        for (String lock : List.of("~$open.xlsx", ".~lock.open.xlsx#")) {
            Path file = TestWorkbooks.furnished(dir.resolve("open.xlsx"), List.of());
            Files.writeString(dir.resolve(lock), "owner");
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() ->
                            writer.write(binding(file), List.of(record("new", booking("2026-12-05", "", 2, "X", "")))))
                    .isInstanceOf(WorkbookException.class)
                    .hasMessageContaining("open in Excel or LibreOffice")
                    .satisfies(e -> assertThat(((WorkbookException) e).kind())
                            .isEqualTo(WorkbookException.Kind.WORKBOOK_LOCKED));
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            Files.delete(dir.resolve(lock));
        }
    }

    @Test
    void aFileThatIsNotAnXlsxIsReportedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("broken.xlsx");
        Files.writeString(file, "name,phone\nAna,123\n");

        assertThatThrownBy(() ->
                        writer.write(binding(file), List.of(record("new", booking("2026-12-05", "", 2, "X", "")))))
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("not a readable .xlsx")
                .satisfies(e -> assertThat(((WorkbookException) e).kind())
                        .isEqualTo(WorkbookException.Kind.WORKBOOK_UNREADABLE));
        assertThat(Files.readString(file)).isEqualTo("name,phone\nAna,123\n");
    }

    @Test
    void aWorkbookWithoutTheBoundSheetNamesTheSheetsItHas() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("wrong.xlsx"), List.of());
        ExcelBinding binding =
                new ExcelBinding("booking", file, "Reservations", COLUMNS, Set.of("status"), TYPES, "new");

        assertThatThrownBy(() -> writer.write(binding, List.of(record("new", booking("2026-12-05", "", 2, "X", "")))))
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("no sheet 'Reservations'")
                .hasMessageContaining("'Bookings', 'Summary'");
    }

    @Test
    void aRenamedHeaderStopsWritingRatherThanWritingSomewhereElse() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("renamed.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        writer.write(binding, List.of(record("new", booking("2026-12-05", "", 2, "X", ""))));
        try (XSSFWorkbook book = open(file)) {
            book.getSheet("Bookings").getRow(0).getCell(3).setCellValue("Pax");
            save(book, file);
        }

        assertThatThrownBy(() -> writer.write(binding, List.of(record("new", booking("2026-12-06", "", 3, "Y", "")))))
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("'Guests'");
    }

    /**
     * Drill 6 of issue 11: a generated corpus of hostile texts (formulas in every disguise, control
     * characters XML cannot carry, NUL, lone surrogates, right-to-left marks, a text longer than a cell
     * may hold) written into one workbook. POI and LibreOffice must both open it; no cell is a formula;
     * each text reads back as written, or as its storable form (NUL and XML-illegal characters made
     * visible, an over-long text cut at Excel's 32,767 characters).
     */
    @Test
    void hostileTextsNeverBecomeFormulasAndNeverBreakTheWorkbook() throws Exception {
        Path file = TestWorkbooks.furnished(dir.resolve("hostile.xlsx"), List.of());
        ExcelBinding binding = binding(file);
        // NUL never reaches a record: the webhook edge and the parsers replace it (common/Storable)
        List<String> texts = new java.util.ArrayList<>(io.chatbridge.support.HostileWebhooks.HOSTILE_TEXTS.stream()
                .filter(text -> text.indexOf(0) < 0)
                .toList());
        java.util.Random random = new java.util.Random(20261126L);
        texts.add("bad \uFFFF and \uFFFE characters");
        String starts = "=+-@\t\r＝﹦";
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder().append(starts.charAt(random.nextInt(starts.length())));
            for (int j = random.nextInt(30); j > 0; j--) {
                text.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : 1 + random.nextInt(0x1f)));
            }
            texts.add(text.toString());
        }
        List<RecordSnapshot> records = new java.util.ArrayList<>();
        for (String text : texts) {
            records.add(record("new", booking("2026-12-05", "19:30", 2, text, text)));
        }

        writer.write(binding, records);

        try (XSSFWorkbook book = open(file)) {
            XSSFSheet sheet = book.getSheet("Bookings");
            for (int i = 0; i < records.size(); i++) {
                Row row = rowOf(sheet, records.get(i).humanId());
                for (int column : new int[] {5, 8}) {
                    Cell cell = row.getCell(column);
                    assertThat(cell.getCellType()).as(texts.get(i)).isEqualTo(CellType.STRING);
                    assertThat(cell.getStringCellValue()).as("text %d", i).isEqualTo(storable(texts.get(i)));
                }
            }
        }
        assertThat(LibreOffice.firstSheet(file, dir))
                .as("LibreOffice reads every row")
                .anySatisfy(row -> assertThat(row)
                        .first()
                        .isEqualTo(records.get(records.size() - 1).humanId()));
    }

    /** What a text looks like once in a cell: an unpaired surrogate as '?', at most 32,767 characters. */
    private static String storable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            // an unpaired surrogate is '?' already on its way to PostgreSQL (Java's UTF-8 encoder)
            out.appendCodePoint(c >= 0xD800 && c <= 0xDFFF ? '?' : c == 0xFFFE || c == 0xFFFF ? 0xFFFD : c);
        });
        return out.length() <= 32_767 ? out.toString() : out.substring(0, 32_766) + "…";
    }

    /** The watcher has read the workbook as it is now and remembered it (what its poll saves). */
    static void watcherSaw(ExcelBinding binding) throws IOException {
        store.saveFile(binding.key(), WorkbookFiles.stamp(binding.workbook()), 0);
    }

    /**
     * The watcher's decision at its next poll ({@code ExcelChangeDetector.poll}): it reads the workbook
     * only when size and time differ from what chatbridge remembered and so does the content hash.
     */
    static boolean watcherWouldRead(ExcelBinding binding) throws IOException {
        ExcelSyncStore.BindingState state = store.binding(binding.key());
        Path file = binding.workbook();
        return !WorkbookFiles.sameSizeAndTime(file, state.fileSize(), state.fileMtime())
                && !WorkbookFiles.hash(file).equals(state.fileHash());
    }

    /** Staff set a booking's status to confirmed and save (a later modification time than ours). */
    static void staffConfirm(Path file, String id) {
        try {
            Thread.sleep(20);
            editCell(file, id, 7, "confirmed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String cellOf(Path file, String id, int column) throws IOException {
        try (XSSFWorkbook book = open(file)) {
            return new DataFormatter()
                    .formatCellValue(rowOf(book.getSheet("Bookings"), id).getCell(column));
        }
    }

    static ExcelBinding binding(Path file) {
        return new ExcelBinding("booking", file, "Bookings", COLUMNS, Set.of("status"), TYPES, "new");
    }

    static RecordSnapshot record(String status, Map<String, Object> fields) {
        return db.record("BK-" + String.format("%04d", next++), "booking", status, fields);
    }

    static Map<String, Object> booking(String date, String time, int guests, String name, String notes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_date", date);
        if (!time.isEmpty()) {
            fields.put("event_time", time);
        }
        fields.put("guests", guests);
        fields.put("item", "table");
        fields.put("customer_name", name);
        fields.put("phone", "+447700900123");
        if (!notes.isEmpty()) {
            fields.put("notes", notes);
        }
        return fields;
    }

    static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("Booking ID", "id");
        columns.put("Date", "event_date");
        columns.put("Time", "event_time");
        columns.put("Guests", "guests");
        columns.put("Item", "item");
        columns.put("Name", "customer_name");
        columns.put("Phone", "phone");
        columns.put("Status", "status");
        columns.put("Notes", "notes");
        return columns;
    }

    static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    static void save(XSSFWorkbook book, Path file) throws IOException {
        try (var out = Files.newOutputStream(file)) {
            book.write(out);
        }
    }

    /** Staff edit a cell and save with POI (which, like Excel, moves text to shared strings). */
    static void editCell(Path file, String id, int column, String value) throws IOException {
        try (XSSFWorkbook book = open(file)) {
            rowOf(book.getSheet("Bookings"), id).createCell(column).setCellValue(value);
            save(book, file);
        }
    }

    static Row rowOf(XSSFSheet sheet, String id) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && id.equals(new DataFormatter().formatCellValue(cell))) {
                return row;
            }
        }
        throw new AssertionError("no row with id " + id);
    }
}
