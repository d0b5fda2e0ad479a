package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.record.RecordService;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.sheets.FakeSheets;
import io.chatbridge.support.sheets.SheetsInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From a signed WhatsApp webhook to a row in the (fake) Google Sheet and back: the real extractor,
 * the shipped booking mapping, the real Google client, the sheets routes.
 */
class SheetsEndToEndIT {

    static final String SHEET = "1BookingsSheetId";
    static final String TAB = SheetsInstance.TAB;

    @TempDir
    static Path dir;

    static FakeSheets fake;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        fake = new FakeSheets();
        fake.createSpreadsheet(SHEET, TAB, "Staff rota");
        // two rows a chunk: every poll below compares, adopts and reports across chunk boundaries
        app = SheetsInstance.start(fake, SHEET, dir, "--chatbridge.sheets.poll-chunk-rows=2");
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @Test
    void aBookingFromWhatsAppBecomesARowWithTheMappedHeadersAndStatusNew() {
        String id = book(
                "wamid.e2e1",
                "447700900101",
                "Ana",
                "Hi, I would like to book a table for 8 people on 5 December at 7pm, name is Ana");

        Map<String, String> row = row(id);
        assertThat(fake.rows(SHEET, TAB).get(0))
                .containsExactly("Booking ID", "Date", "Time", "Guests", "Item", "Name", "Phone", "Status", "Notes");
        assertThat(row)
                .containsEntry("Guests", "8")
                .containsEntry("Name", "Ana")
                .containsEntry("Status", "new")
                .containsEntry("Item", "table")
                .containsEntry("Phone", "+447700900101");
        assertThat(row.get("Date")).matches("\\d{4}-12-05");
        assertThat(fake.valueInputOptions()).containsOnly("RAW");
    }

    @Test
    void staffConfirmingInTheSheetUpdatesTheRecordWithOriginSheetsAndIsNotEchoedBack() {
        String id = book(
                "wamid.e2e2",
                "447700900102",
                "Bo",
                "Hello, book a table for 4 people on 6 December at 8pm, name is Bo");
        int writesBefore = fake.writeRequests();

        fake.edit(SHEET, TAB, "Booking ID", id, "Status", "confirmed");

        await().atMost(Duration.ofSeconds(20)).until(() -> "confirmed"
                .equals(jdbc.sql("select status from record where human_id = ?")
                        .param(id)
                        .query(String.class)
                        .single()));
        assertThat(jdbc.sql(
                                """
                        select origin from record_change c join record r on r.id = c.record_id
                        where r.human_id = ? and c.field = 'status' order by c.id desc limit 1""")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("sheets");
        Integer sheetsVersion = jdbc.sql(
                        """
                        select d.version from delivery d join record r on r.id = d.record_id
                        where r.human_id = ? and d.sink = 'sheets'""")
                .param(id)
                .query(Integer.class)
                .single();
        assertThat(sheetsVersion)
                .isLessThan(jdbc.sql("select version from record where human_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single());
        assertThat(fake.writeRequests()).isEqualTo(writesBefore);
    }

    @Test
    void anEditToAColumnTheSheetDoesNotOwnIsAConflictNotAChange() {
        String id = book(
                "wamid.e2e3", "447700900103", "Cy", "Hi, book a table for 3 people on 7 December at 1pm, name is Cy");

        fake.edit(SHEET, TAB, "Booking ID", id, "Guests", "30");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql(
                                        """
                        select count(*) from record_conflict c join record r on r.id = c.record_id
                        where r.human_id = ? and c.field = 'guests' and c.origin = 'sheets'""")
                                .param(id)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("select fields->>'guests' from record where human_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("3");
    }

    @Test
    void afterStaffSortAndInsertRowsTheNextUpdateLandsOnTheRightRow() {
        String first = book(
                "wamid.e2e4", "447700900104", "Di", "Hi, book a table for 2 people on 8 December at 1pm, name is Di");
        String second = book(
                "wamid.e2e5", "447700900105", "Ed", "Hi, book a table for 5 people on 9 December at 1pm, name is Ed");
        fake.sortBy(SHEET, TAB, "Name", true);
        fake.insertRow(SHEET, TAB, 2, List.of("", "", "", "", "", "", "", "", "a note staff typed above the data"));

        app.getBean(RecordService.class).applyChange(first, "admin", Map.of("guests", 6), "test");

        await().atMost(Duration.ofSeconds(20)).until(() -> "6".equals(row(first).get("Guests")));
        assertThat(row(first)).containsEntry("Name", "Di");
        assertThat(row(second)).containsEntry("Guests", "5").containsEntry("Name", "Ed");
    }

    @Test
    void aRenamedHeaderStopsTheBindingAndTheAdminSeesWhyInTheApi() {
        book(
                "wamid.e2e-rename",
                "447700900199",
                "Rui",
                "Hi, I would like to book a table for 2 people on 9 December at 8pm, name is Rui");
        fake.renameHeader(SHEET, TAB, "Guests", "Pax");
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> webhooks.get("/api/sheets/problems", "admin", "test-admin-password")
                            .body()
                            .contains("header_missing"));
            assertThat(webhooks.get("/api/sheets/problems", "admin", "test-admin-password")
                            .body())
                    .contains("Guests");
        } finally {
            fake.renameHeader(SHEET, TAB, "Pax", "Guests");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !webhooks.get("/api/sheets/problems", "admin", "test-admin-password")
                        .body()
                        .contains("header_missing"));
    }

    @Test
    void aRowStaffTypeInByHandBecomesARecordAndGetsItsIdWrittenBack() {
        book("wamid.e2e6", "447700900106", "Flo", "Hi, book a table for 2 people on 10 December at 1pm, name is Flo");
        int next = fake.rows(SHEET, TAB).size() + 1;
        fake.setRow(
                SHEET,
                TAB,
                next,
                List.of(
                        "",
                        "2026-12-24",
                        "20:00",
                        "12",
                        "private room",
                        "Phone Booking Gina",
                        "+447700900999",
                        "",
                        "took it by phone"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !fake.rows(SHEET, TAB).get(next - 1).get(0).isEmpty());
        String id = fake.rows(SHEET, TAB).get(next - 1).get(0);
        assertThat(id).startsWith("BK-");
        assertThat(jdbc.sql(
                                "select fields->>'customer_name' || '/' || (fields->>'guests') || '/' || status from record where human_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("Phone Booking Gina/12/new");
        assertThat(jdbc.sql(
                                "select count(distinct origin) from record_change c join record r on r.id = c.record_id where r.human_id = ? and origin = 'sheets'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDeletedRowAndAnIdCopiedIntoAnotherRowAreReportedWhicheverChunkTheyAreIn() {
        String kept = book(
                "wamid.e2e-chunk1",
                "447700900131",
                "Gil",
                "Hi, book a table for 3 people on 11 December at 1pm, name is Gil");
        String deleted = book(
                "wamid.e2e-chunk2",
                "447700900132",
                "Hal",
                "Hi, book a table for 4 people on 12 December at 1pm, name is Hal");
        List<List<String>> rows = fake.rows(SHEET, TAB);
        int deletedRow = 1 + rows.stream().map(r -> r.get(0)).toList().indexOf(deleted);

        fake.deleteRow(SHEET, TAB, deletedRow);
        fake.setRow(
                SHEET,
                TAB,
                fake.rows(SHEET, TAB).size() + 1,
                List.of(kept, "2026-12-11", "13:00", "3", "", "Gil", "+447700900131", "", "pasted twice"));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String problems = webhooks.get("/api/sheets/problems", "admin", "test-admin-password")
                    .body();
            return problems.contains("row_deleted") && problems.contains("duplicate_id");
        });
        String problems = webhooks.get("/api/sheets/problems", "admin", "test-admin-password")
                .body();
        assertThat(problems).contains(deleted).contains(kept);
    }

    private static String book(String wamid, String waId, String name, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, waId, name, System.currentTimeMillis() / 1000, text))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.rowWhere(SHEET, TAB, "Phone", "+" + waId) != null);
        return fake.rowWhere(SHEET, TAB, "Phone", "+" + waId).get("Booking ID");
    }

    private static Map<String, String> row(String id) {
        return fake.rowWhere(SHEET, TAB, "Booking ID", id);
    }
}
