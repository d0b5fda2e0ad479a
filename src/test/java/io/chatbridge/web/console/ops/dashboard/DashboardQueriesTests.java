package io.chatbridge.web.console.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.TestDatabase;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each dashboard number against a small data set whose answers are worked out by hand in the comments. */
class DashboardQueriesTests {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid"); // UTC+1 in December
    private static final DashboardRange DECEMBER_1_TO_3 =
            new DashboardRange(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3), MADRID);
    private static final AtomicInteger IDS = new AtomicInteger();

    private static TestDatabase db;
    private static DashboardQueries queries;

    @BeforeAll
    static void seed() {
        db = new TestDatabase();
        queries = new DashboardQueries(db.jdbc);
        conversation("c1");
        conversation("c2");
        // c1: a burst of two customer messages answered after 10 minutes, then one answered after 30 minutes
        message("c1", "in", "2026-12-01T09:00:00Z");
        message("c1", "in", "2026-12-01T09:02:00Z");
        message("c1", "out", "2026-12-01T09:10:00Z");
        message("c1", "in", "2026-12-02T10:00:00Z");
        message("c1", "out", "2026-12-02T10:30:00Z");
        // c2: answered after 20 minutes; then a burst never answered
        message("c2", "in", "2026-12-03T08:00:00Z");
        message("c2", "out", "2026-12-03T08:20:00Z");
        message("c2", "in", "2026-12-03T12:00:00Z");
        // 23:30 UTC on the 3rd is the 4th in Madrid: outside the range
        message("c2", "in", "2026-12-03T23:30:00Z");
        // the last day of November in Madrid: outside, in a conversation of its own (in c1 it would open
        // the burst that 09:00 on the 1st continues, so that burst would not count as opened in the range)
        conversation("c3");
        message("c3", "in", "2026-11-30T20:00:00Z");
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void countsMessagesPerBusinessDayWithEmptyDaysAsZero() {
        assertThat(queries.messagesPerDay(DECEMBER_1_TO_3))
                .containsExactly(
                        new DashboardQueries.DayCount(LocalDate.of(2026, 12, 1), 2, 1),
                        new DashboardQueries.DayCount(LocalDate.of(2026, 12, 2), 1, 1),
                        new DashboardQueries.DayCount(LocalDate.of(2026, 12, 3), 2, 1));
    }

    @Test
    void medianFirstResponseIsOverAnsweredBurstsOpenedInTheRange() {
        // bursts opened in range: 09:00 (10 min), 10:00 (30 min), 08:00 (20 min), 12:00 (unanswered);
        // the message at 23:30 UTC is 00:30 on the 4th in Madrid: outside. Median of 10, 20, 30 = 20 min.
        DashboardQueries.FirstResponse response = queries.firstResponse(DECEMBER_1_TO_3);

        assertThat(response.medianSeconds()).isEqualTo(1200.0);
        assertThat(response.answered()).isEqualTo(3);
        assertThat(response.unanswered()).isEqualTo(1);
    }

    @Test
    void countsRecordsCreatedInTheRangeByType() {
        record("booking", "new", "2026-12-01T12:00:00Z");
        record("booking", "confirmed", "2026-12-02T12:00:00Z");
        record("order", "new", "2026-12-02T12:00:00Z");
        record("order", "new", "2026-12-10T12:00:00Z"); // later: outside

        assertThat(queries.recordsPerType(
                        new DashboardRange(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), ZoneId.of("UTC"))))
                .containsExactly(Map.entry("booking", 2L), Map.entry("order", 1L));
    }

    @Test
    void noShowRateIsStaffMarkedNoShowsOverRemindedVisitsThatWereNotCancelled() {
        DashboardRange june = new DashboardRange(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), ZoneId.of("UTC"));
        long came = record("appointment", "confirmed", "2026-05-20T10:00:00Z");
        long stayedAway = record("appointment", "No_Show", "2026-05-20T10:00:00Z");
        long cancelled = record("appointment", "cancelled", "2026-05-20T10:00:00Z");
        long notReminded = record("appointment", "no_show", "2026-05-20T10:00:00Z");
        long future = record("appointment", "no_show", "2026-05-20T10:00:00Z");
        reminder(came, "sent", "2026-06-10T10:00:00Z", 1440);
        reminder(came, "sent", "2026-06-10T10:00:00Z", 120); // two reminders: still one visit
        reminder(stayedAway, "sent", "2026-06-11T10:00:00Z", 1440);
        reminder(cancelled, "sent", "2026-06-12T10:00:00Z", 1440);
        reminder(notReminded, "skipped", "2026-06-12T10:00:00Z", 1440);
        reminder(future, "sent", "2026-06-29T10:00:00Z", 1440);

        DashboardQueries.NoShows noShows = queries.noShows(june, Timestamp.from(Instant.parse("2026-06-20T00:00:00Z")));

        // expected to come: came, stayedAway (cancelled is out, notReminded had no reminder sent, future has not
        // happened)
        assertThat(noShows.expected()).isEqualTo(2);
        assertThat(noShows.noShows()).isEqualTo(1);
        assertThat(noShows.cancelled()).isEqualTo(1);
        assertThat(noShows.rate()).isEqualByComparingTo(new BigDecimal("50.0"));
    }

    @Test
    void countsDeliveriesPerConnectorAndStateWithXeroPayments() {
        DashboardRange march =
                new DashboardRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), ZoneId.of("UTC"));
        long a = record("booking", "new", "2026-03-01T10:00:00Z");
        long b = record("booking", "new", "2026-03-01T10:00:00Z");
        delivery("sheets", a, "done", "2026-03-02T10:00:00Z");
        delivery("sheets", b, "dead", "2026-03-02T10:00:00Z");
        delivery("hubspot", a, "done", "2026-03-03T10:00:00Z");
        delivery("hubspot", b, "done", "2026-04-03T10:00:00Z"); // April: outside
        db.jdbc
                .sql(
                        """
                        insert into xero_payment (match_id, idempotency_key, invoice_id, amount, currency, paid_on, state, updated_at)
                        values (1, 'k1', 'inv', 10, 'EUR', '2026-03-02', 'sent', '2026-03-02T10:00:00Z')""")
                .update();

        assertThat(queries.deliveriesPerConnector(march))
                .isEqualTo(Map.of(
                        "sheets", Map.of("done", 1L, "dead", 1L),
                        "hubspot", Map.of("done", 1L),
                        "xero", Map.of("sent", 1L)));
    }

    @Test
    void paymentMatchRateIsMatchedMoneyInOverAllMoneyInBookedInTheRange() {
        DashboardRange july = new DashboardRange(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31), ZoneId.of("UTC"));
        long statement = db.jdbc
                .sql(
                        """
                        insert into bank_statement (file_name, origin, format, content_sha256, statements, entries, new_entries)
                        values ('s.csv', 'upload', 'csv', 'sha', 1, 5, 5) returning id""")
                .query(Long.class)
                .single();
        long matched = entry(statement, "2026-07-02", "100");
        long rejectedThenMatched = entry(statement, "2026-07-03", "50");
        long waiting = entry(statement, "2026-07-04", "70");
        entry(statement, "2026-07-05", "20"); // nobody's
        entry(statement, "2026-07-05", "-30"); // money out: not counted
        entry(statement, "2026-08-01", "10"); // August: outside
        match(matched, "matched");
        match(rejectedThenMatched, "rejected");
        match(rejectedThenMatched, "matched");
        match(waiting, "review");

        DashboardQueries.PaymentMatches matches = queries.paymentMatches(july);

        assertThat(matches.entries()).isEqualTo(4);
        assertThat(matches.matched()).isEqualTo(2);
        assertThat(matches.waiting()).isEqualTo(1);
        assertThat(matches.rate()).isEqualByComparingTo(new BigDecimal("50.0"));
    }

    private static void conversation(String id) {
        db.jdbc
                .sql(
                        "insert into conversation (id, channel, phone_number_id, customer_wa_id) values (?, 'whatsapp', 'p', ?)")
                .params(id, id)
                .update();
    }

    private static void message(String conversation, String direction, String at) {
        db.jdbc
                .sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                        values ('whatsapp', ?, ?, ?, 'text', 'hi', ?, '{}'::jsonb)""")
                .params("m" + IDS.incrementAndGet(), conversation, direction, Timestamp.from(Instant.parse(at)))
                .update();
    }

    private static long record(String type, String status, String createdAt) {
        return db.jdbc
                .sql("insert into record (human_id, type, status, created_at) values (?, ?, ?, ?) returning id")
                .params("R-" + IDS.incrementAndGet(), type, status, Timestamp.from(Instant.parse(createdAt)))
                .query(Long.class)
                .single();
    }

    private static void reminder(long record, String state, String startsAt, int beforeMinutes) {
        Instant starts = Instant.parse(startsAt);
        db.jdbc
                .sql(
                        """
                        insert into reminder (record_id, before_minutes, starts_at, due_at, state, updated_at)
                        values (?, ?, ?, ?, ?, now())""")
                .params(
                        record,
                        beforeMinutes,
                        Timestamp.from(starts),
                        Timestamp.from(starts.minusSeconds(beforeMinutes * 60L)),
                        state)
                .update();
    }

    private static void delivery(String sink, long record, String state, String updatedAt) {
        db.jdbc
                .sql("insert into delivery (sink, record_id, version, state, updated_at) values (?, ?, 1, ?, ?)")
                .params(sink, record, state, Timestamp.from(Instant.parse(updatedAt)))
                .update();
    }

    private static long entry(long statement, String bookedOn, String amount) {
        return db.jdbc
                .sql(
                        """
                        insert into bank_entry (statement_id, dedupe_key, account, booked_on, amount, currency, remittance)
                        values (?, ?, 'ES00', ?::date, ?::numeric, 'EUR', 'ref') returning id""")
                .params(statement, "e" + IDS.incrementAndGet(), bookedOn, amount)
                .query(Long.class)
                .single();
    }

    private static void match(long entry, String state) {
        db.jdbc
                .sql(
                        """
                        insert into reconcile_match (bank_entry_id, state, automatic, score, rule, explanation)
                        values (?, ?, true, 0.8, 'rule', 'why')""")
                .params(entry, state)
                .update();
    }
}
