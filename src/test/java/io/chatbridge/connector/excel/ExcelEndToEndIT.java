package io.chatbridge.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.ShippedMappings;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.excel.WorkbookFile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From a signed WhatsApp webhook to a row in a real .xlsx and back, with the shipped booking mapping
 * bound through {@code BOOKINGS_WORKBOOK}: the real extractor, the excel routes, the file on disk.
 */
class ExcelEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;
    static WorkbookFile workbook;

    @BeforeAll
    static void start() {
        Path file = dir.resolve("shared/bookings.xlsx");
        workbook = new WorkbookFile(file, "Bookings");
        Path mappings = ShippedMappings.copy(dir.resolve("mappings"), Map.of("${BOOKINGS_WORKBOOK:}", file.toString()));
        app = TestApplication.startWithMappings(
                dir.resolve("data"),
                mappings,
                "--chatbridge.excel.poll-interval=300",
                "--chatbridge.excel.flush-interval=300",
                "--chatbridge.excel.locked-retry=300ms",
                "--chatbridge.outbox.max-backoff=1s");
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aBookingFromWhatsAppBecomesARowOfTheCreatedWorkbookWithTypedCells() {
        String id = book(
                "wamid.x1",
                "447700900201",
                "Ana",
                "Hi, I would like to book a table for 8 people on 5 December at 7pm, name is Ana");

        Map<String, String> row = workbook.rowWhere("Booking ID", id);
        assertThat(row)
                .containsEntry("Guests", "8")
                .containsEntry("Name", "Ana")
                .containsEntry("Status", "new")
                .containsEntry("Phone", "+447700900201");
        assertThat(row.get("Date")).matches("\\d{4}-12-05");
    }

    @Test
    void staffConfirmingInTheWorkbookUpdatesTheRecordWithOriginExcelAndIsNotEchoedBack() {
        String id = book(
                "wamid.x2", "447700900202", "Bo", "Hello, book a table for 4 people on 6 December at 8pm, name is Bo");

        workbook.set(id, "Status", "confirmed");

        await().atMost(WAIT).until(() -> "confirmed".equals(value("select status from record where human_id = ?", id)));
        assertThat(value(
                        """
                        select origin from record_change c join record r on r.id = c.record_id
                        where r.human_id = ? and c.field = 'status' order by c.id desc limit 1""",
                        id))
                .isEqualTo("excel");
        assertThat(value(
                        """
                        select (d.version < r.version)::text from delivery d join record r on r.id = d.record_id
                        where r.human_id = ? and d.sink = 'excel'""",
                        id))
                .isEqualTo("true");
    }

    @Test
    void anEditToAColumnTheWorkbookDoesNotOwnIsAConflictNotAChange() {
        String id = book(
                "wamid.x3", "447700900203", "Cy", "Hi, book a table for 3 people on 7 December at 1pm, name is Cy");

        workbook.set(id, "Guests", "30");

        await().atMost(WAIT).until(() -> "1"
                .equals(value(
                        """
                        select count(*) from record_conflict c join record r on r.id = c.record_id
                        where r.human_id = ? and c.field = 'guests' and c.origin = 'excel'""",
                        id)));
        assertThat(value("select fields->>'guests' from record where human_id = ?", id))
                .isEqualTo("3");
    }

    @Test
    void whileTheWorkbookIsOpenDeliveriesWaitWithoutSpendingAttemptsAndTheAdminSeesWhy() throws Exception {
        book("wamid.x4", "447700900204", "Di", "Hi, book a table for 2 people on 8 December at 1pm, name is Di");
        Path lock = workbook.path().resolveSibling(".~lock.bookings.xlsx#");
        Files.writeString(lock, ",Staff,finance-pc,26.11.2026 09:00,file:///home/staff;");
        try {
            post("wamid.x5", "447700900205", "Ed", "Hi, book a table for 5 people on 9 December at 1pm, name is Ed");

            await().atMost(WAIT).until(() -> problems().contains("workbook_locked"));
            await().atMost(WAIT).until(() -> "pending".equals(deliveryOf("+447700900205", "state")));
            Thread.sleep(1500);
            assertThat(workbook.rowWhere("Phone", "+447700900205")).isNull();
            assertThat(deliveryOf("+447700900205", "attempts")).isEqualTo("0");
        } finally {
            Files.delete(lock);
        }
        await().atMost(WAIT).until(() -> workbook.rowWhere("Phone", "+447700900205") != null);
        await().atMost(WAIT).until(() -> !problems().contains("workbook_locked"));
    }

    @Test
    void aRowTypedByHandBecomesARecordAndGetsItsIdOnlyOnceTheWorkbookIsClosed() throws Exception {
        book("wamid.x6", "447700900206", "Flo", "Hi, book a table for 2 people on 10 December at 1pm, name is Flo");
        Path lock = workbook.path().resolveSibling("~$bookings.xlsx");
        workbook.addRow(Map.of(
                "Date", "2026-12-24",
                "Time", "20:00",
                "Guests", "12",
                "Item", "private room",
                "Name", "Phone Booking Gina",
                "Phone", "+447700900999",
                "Notes", "took it by phone"));
        Files.writeString(lock, "Staff");
        try {
            await().atMost(WAIT)
                    .until(() ->
                            value("select human_id from record where fields->>'customer_name' = 'Phone Booking Gina'")
                                    != null);
            Thread.sleep(1000);
            assertThat(workbook.rowWhere("Name", "Phone Booking Gina")).containsEntry("Booking ID", "");
        } finally {
            Files.delete(lock);
        }
        String id = value("select human_id from record where fields->>'customer_name' = 'Phone Booking Gina'");
        await().atMost(WAIT)
                .until(() -> id.equals(
                        workbook.rowWhere("Name", "Phone Booking Gina").get("Booking ID")));
        assertThat(value("select status || '/' || (fields->>'guests') from record where human_id = ?", id))
                .isEqualTo("new/12");
        assertThat(value("select count(*) from record where fields->>'customer_name' = 'Phone Booking Gina'"))
                .isEqualTo("1");
    }

    @Test
    void aWorkbookThatIsNotAnXlsxAnyMoreIsReportedAndItsDeliveriesWaitForIt() throws Exception {
        book("wamid.x7", "447700900207", "Gus", "Hi, book a table for 2 people on 11 December at 1pm, name is Gus");
        Path good = dir.resolve("good-copy.xlsx");
        Files.move(workbook.path(), good);
        Files.writeString(workbook.path(), "this is not a workbook");
        try {
            post("wamid.x8", "447700900208", "Hal", "Hi, book a table for 6 people on 12 December at 1pm, name is Hal");
            await().atMost(WAIT).until(() -> problems().contains("workbook_unreadable"));
            await().atMost(WAIT).until(() -> "pending".equals(deliveryOf("+447700900208", "state")));
            assertThat(Files.readString(workbook.path())).isEqualTo("this is not a workbook");
        } finally {
            Files.move(good, workbook.path(), StandardCopyOption.REPLACE_EXISTING);
        }
        await().atMost(WAIT).until(() -> workbook.rowWhere("Phone", "+447700900208") != null);
        // the row is on disk before the outbox marks the delivery done, in a later transaction: wait for that too
        await().atMost(WAIT).until(() -> "done".equals(deliveryOf("+447700900208", "state")));
    }

    @Test
    void theExportStreamsTheMonthsBookingsAsATypedWorkbookForAdminsOnly() throws Exception {
        String id = book(
                "wamid.x9", "447700900209", "Ivo", "Hi, book a table for 7 people on 13 December at 1pm, name is Ivo");
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes());
        URI uri = URI.create("http://localhost:" + TestApplication.port(app) + "/api/excel/export?type=booking");

        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> anonymous =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(response.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            DataFormatter format = new DataFormatter();
            Row row = null;
            for (Row r : book.getSheet("booking")) {
                if (id.equals(format.formatCellValue(r.getCell(0)))) {
                    row = r;
                }
            }
            assertThat(row).isNotNull();
            assertThat(format.formatCellValue(book.getSheet("booking").getRow(0).getCell(3)))
                    .isEqualTo("event_date");
            assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
            assertThat(format.formatCellValue(row.getCell(3))).matches("\\d{4}-12-13");
        }
    }

    private static String book(String wamid, String waId, String name, String text) {
        post(wamid, waId, name, text);
        await().atMost(WAIT).until(() -> workbook.rowWhere("Phone", "+" + waId) != null);
        // and the delivery done, so each test starts from a settled workbook and outbox (this wait once hid
        // the writer stamping the file on disk, with an edit saved just after its write, as its own)
        await().atMost(WAIT).until(() -> "done".equals(deliveryOf("+" + waId, "state")));
        return workbook.rowWhere("Phone", "+" + waId).get("Booking ID");
    }

    private static void post(String wamid, String waId, String name, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, waId, name, System.currentTimeMillis() / 1000, text))
                        .statusCode())
                .isEqualTo(200);
    }

    private static String problems() {
        return webhooks.get("/api/excel/problems", "admin", "test-admin-password")
                .body();
    }

    private static String deliveryOf(String phone, String column) {
        return value(
                "select d." + column + "::text from delivery d join record r on r.id = d.record_id "
                        + "where r.fields->>'phone' = ? and d.sink = 'excel'",
                phone);
    }

    private static String value(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(String.class).optional().orElse(null);
    }
}
