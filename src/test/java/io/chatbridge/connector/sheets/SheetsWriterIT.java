package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.record.RecordSnapshot;
import io.chatbridge.support.sheets.FakeSheets;
import io.chatbridge.support.sheets.FakeSheets.Fault;
import io.chatbridge.support.sheets.FakeSheets.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer against the fake Sheets API, through the real Google client and service-account flow:
 * upsert by id, header creation, RAW values, request counts, and the faults Google really produces.
 */
class SheetsWriterIT {

    static final String SHEET = "sheet-writer";
    static final Map<String, String> COLUMNS = columns();

    @TempDir
    static Path dir;

    static FakeSheets fake;
    static SheetsTestDatabase db;
    static SheetsSyncStore store;
    static SheetsWriter writer;
    static int tab;
    SheetsBinding binding;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeSheets();
        db = new SheetsTestDatabase();
        store = db.store();
        SheetsProperties properties = new SheetsProperties(
                true,
                fake.rootUrl(),
                fake.serviceAccountFile(dir),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                6000,
                6000,
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(10),
                Duration.ofMillis(100));
        SheetsClient client = new PacedSheetsClient(
                GoogleSheetsClient.create(properties),
                new RequestBudget(db.jdbc, "test-read", 6000),
                new RequestBudget(db.jdbc, "test-write", 6000),
                GoogleBackoff.of(properties),
                3,
                d -> Thread.sleep(d.toMillis()));
        writer = new SheetsWriter(client, store);
    }

    @AfterAll
    static void stop() throws Exception {
        fake.close();
        db.close();
    }

    @BeforeEach
    void newTab() {
        String title = "Bookings " + (++tab);
        fake.createSpreadsheet(SHEET + tab, title);
        binding = new SheetsBinding(
                "booking",
                SHEET + tab,
                title,
                COLUMNS,
                java.util.Set.of("status"),
                Map.of("guests", "integer"),
                "new",
                false);
        fake.resetCounters();
    }

    @Test
    void anEmptyTabGetsTheHeaderRowAndOneAppendForTheWholeBatch() throws Exception {
        List<RecordSnapshot> batch = List.of(booking("BK-1%d01", "Ana", 8), booking("BK-1%d02", "Bo", 2));

        assertThat(writer.write(binding, batch).retry()).isEmpty();

        List<List<String>> rows = fake.rows(binding.spreadsheetId(), binding.tab());
        assertThat(rows.get(0))
                .containsExactly("Booking ID", "Date", "Time", "Guests", "Item", "Name", "Phone", "Status", "Notes");
        assertThat(rows.get(1))
                .containsExactly(
                        id("BK-1%d01"),
                        "2026-12-05",
                        "19:30",
                        "8",
                        "table",
                        "Ana",
                        "+447700900123",
                        "new",
                        "=HYPERLINK(\"http://evil\",\"x\") line1\nline2 🎉");
        assertThat(rows).hasSize(3);
        assertThat(fake.requests(Kind.READ)).isEqualTo(1);
        assertThat(fake.requests(Kind.WRITE)).isEqualTo(1); // the header
        assertThat(fake.requests(Kind.APPEND)).isEqualTo(1);
        assertThat(fake.valueInputOptions()).containsOnly("RAW");
        assertThat(fake.cell(binding.spreadsheetId(), binding.tab(), "Notes", "Booking ID", id("BK-1%d01")))
                .isInstanceOf(String.class);
    }

    @Test
    void anUpdateLandsOnTheRecordsRowAfterStaffSortedAndInsertedRows() throws Exception {
        RecordSnapshot ana = booking("BK-2%d01", "Ana", 8);
        RecordSnapshot bo = booking("BK-2%d02", "Bo", 2);
        writer.write(binding, List.of(ana, bo));
        fake.sortBy(binding.spreadsheetId(), binding.tab(), "Name", true);
        fake.insertRow(binding.spreadsheetId(), binding.tab(), 2, List.of("", "2026-01-01", "", "", "", "walk-in"));
        fake.resetCounters();

        writer.write(binding, List.of(changed(ana, "guests", 12)));

        assertThat(fake.rowWhere(binding.spreadsheetId(), binding.tab(), "Booking ID", ana.humanId()))
                .containsEntry("Guests", "12")
                .containsEntry("Name", "Ana");
        assertThat(fake.rowWhere(binding.spreadsheetId(), binding.tab(), "Booking ID", bo.humanId()))
                .containsEntry("Guests", "2");
        assertThat(fake.requests(Kind.READ)).isEqualTo(1);
        assertThat(fake.requests(Kind.WRITE)).isEqualTo(1);
        assertThat(fake.requests(Kind.APPEND)).isZero();
    }

    @Test
    void aStatusStaffSetIsNotOverwrittenByALaterChatChange() throws Exception {
        RecordSnapshot ana = booking("BK-3%d01", "Ana", 8);
        writer.write(binding, List.of(ana));
        fake.edit(binding.spreadsheetId(), binding.tab(), "Booking ID", ana.humanId(), "Status", "confirmed");

        writer.write(binding, List.of(changed(ana, "notes", "window seat")));

        assertThat(fake.rowWhere(binding.spreadsheetId(), binding.tab(), "Booking ID", ana.humanId()))
                .containsEntry("Status", "confirmed")
                .containsEntry("Notes", "window seat");
    }

    @Test
    void anAppendThatWroteButAnswered503IsNotWrittenTwice() throws Exception {
        fake.failNext(Kind.APPEND, Fault.WROTE_BUT_UNAVAILABLE, 1);
        List<RecordSnapshot> batch = List.of(booking("BK-4%d01", "Ana", 8), booking("BK-4%d02", "Bo", 2));

        SheetsWriter.Outcome outcome = writer.write(binding, batch);
        writer.write(binding, batch);

        assertThat(outcome.retry()).isEmpty();
        assertThat(fake.rows(binding.spreadsheetId(), binding.tab())).hasSize(3);
    }

    @Test
    void anAppendThatTimedOutIsSettledByReadingTheIdColumn() throws Exception {
        fake.slowFor(Duration.ofSeconds(3));
        fake.failNext(Kind.APPEND, Fault.SLOW, 1);
        List<RecordSnapshot> batch = List.of(booking("BK-5%d01", "Ana", 8));

        assertThat(writer.write(binding, batch).retry()).isEmpty();
        writer.write(binding, batch);

        assertThat(fake.rows(binding.spreadsheetId(), binding.tab())).hasSize(2);
    }

    @Test
    void quotaAndUnavailableAnswersAreRetriedWithBackoff() throws Exception {
        fake.failNext(Kind.READ, Fault.TOO_MANY_REQUESTS, 1);
        fake.failNext(Kind.WRITE, Fault.UNAVAILABLE, 2);

        assertThat(writer.write(binding, List.of(booking("BK-6%d01", "Ana", 8))).retry())
                .isEmpty();

        assertThat(fake.rows(binding.spreadsheetId(), binding.tab())).hasSize(2);
        assertThat(fake.rejectedWithQuota()).isEqualTo(1);
    }

    @Test
    void anAppendRefusedWith503BeforeWritingIsRetriedLater() throws Exception {
        fake.failNext(Kind.APPEND, Fault.UNAVAILABLE, 1);
        RecordSnapshot ana = booking("BK-7%d01", "Ana", 8);

        SheetsWriter.Outcome first = writer.write(binding, List.of(ana));
        SheetsWriter.Outcome second = writer.write(binding, List.of(ana));

        assertThat(first.retry()).containsExactly(ana.id());
        assertThat(second.retry()).isEmpty();
        assertThat(fake.rows(binding.spreadsheetId(), binding.tab())).hasSize(2);
    }

    @Test
    void aRenamedHeaderStopsTheBindingInsteadOfWritingElsewhere() throws Exception {
        RecordSnapshot ana = booking("BK-8%d01", "Ana", 8);
        writer.write(binding, List.of(ana));
        fake.renameHeader(binding.spreadsheetId(), binding.tab(), "Guests", "Pax");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> writer.write(binding, List.of(changed(ana, "guests", 9))))
                .isInstanceOf(BindingStoppedException.class)
                .hasMessageContaining("'Guests'");
        assertThat(fake.rows(binding.spreadsheetId(), binding.tab()).get(1)).contains("8");
    }

    @Test
    void aMissingMappedColumnIsAddedAtTheEndWithoutTouchingOtherColumns() throws Exception {
        fake.setRow(binding.spreadsheetId(), binding.tab(), 1, List.of("Booking ID", "Name", "Staff notes"));

        writer.write(binding, List.of(booking("BK-9%d01", "Ana", 8)));

        List<String> header = fake.rows(binding.spreadsheetId(), binding.tab()).get(0);
        assertThat(header.subList(0, 3)).containsExactly("Booking ID", "Name", "Staff notes");
        assertThat(header.subList(3, header.size()))
                .containsExactly("Date", "Time", "Guests", "Item", "Phone", "Status", "Notes");
        assertThat(fake.rowWhere(binding.spreadsheetId(), binding.tab(), "Booking ID", id("BK-9%d01")))
                .containsEntry("Name", "Ana")
                .containsEntry("Staff notes", "")
                .containsEntry("Guests", "8");
    }

    @Test
    void anOAuthUserRefreshTokenFileWorksAsWellAsAServiceAccount() throws Exception {
        SheetsProperties properties = new SheetsProperties(
                true,
                fake.rootUrl(),
                fake.authorizedUserFile(dir),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                60,
                60,
                Duration.ofSeconds(2),
                0,
                Duration.ofMillis(10),
                Duration.ofMillis(100));

        assertThat(GoogleSheetsClient.create(properties).tabs(binding.spreadsheetId()))
                .containsExactly(binding.tab());
    }

    private String id(String pattern) {
        return pattern.formatted(tab);
    }

    private RecordSnapshot booking(String idPattern, String name, int guests) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_date", "2026-12-05");
        fields.put("event_time", "19:30");
        fields.put("guests", guests);
        fields.put("item", "table");
        fields.put("customer_name", name);
        fields.put("phone", "+447700900123");
        fields.put("notes", "=HYPERLINK(\"http://evil\",\"x\") line1\nline2 🎉");
        return db.record(id(idPattern), "booking", "new", fields);
    }

    private static RecordSnapshot changed(RecordSnapshot record, String field, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>(record.fields());
        fields.put(field, value);
        return new RecordSnapshot(
                record.id(),
                record.humanId(),
                record.type(),
                record.version() + 1,
                record.status(),
                true,
                fields,
                null,
                null,
                record.createdAt(),
                Instant.now());
    }

    private static Map<String, String> columns() {
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
}
