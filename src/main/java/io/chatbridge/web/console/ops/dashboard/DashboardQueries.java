package io.chatbridge.web.console.ops.dashboard;

import io.chatbridge.common.Pii;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One query per dashboard number, each reading only its range through an index (see V72), so a
 * slow metric cannot hold the others back and each can be measured alone with EXPLAIN ANALYZE.
 * Definitions are on the page and in the README; they are the ones written here.
 */
@Repository
class DashboardQueries {

    /** Statuses staff use to say the customer did not come; a chat alone cannot tell. */
    static final List<String> NO_SHOW_STATUSES = List.of("no_show", "no-show", "noshow", "no show");

    /** How many of the conversations not extracted the dashboard lists (the newest). */
    static final int UNEXTRACTED_SHOWN = 20;

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Messages per business day, customers' and the business's apart; days without any are zero. */
    List<DayCount> messagesPerDay(DashboardRange range) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (int i = 0; i < range.days(); i++) {
            days.put(range.from().plusDays(i), new long[2]);
        }
        jdbc.sql(
                        """
                        select (sent_at at time zone :zone)::date as day, direction, count(*) as n from message
                        where sent_at >= :start and sent_at < :end group by 1, 2""")
                .param("zone", range.zone().getId())
                .param("start", range.start())
                .param("end", range.end())
                .query(rs -> {
                    long[] counts = days.get(rs.getDate("day").toLocalDate());
                    if (counts != null) {
                        counts["in".equals(rs.getString("direction")) ? 0 : 1] += rs.getLong("n");
                    }
                });
        List<DayCount> result = new ArrayList<>();
        days.forEach((day, c) -> result.add(new DayCount(day, c[0], c[1])));
        return result;
    }

    /** Records created in the range, by type. */
    Map<String, Long> recordsPerType(DashboardRange range) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        select type, count(*) as n from record where created_at >= :start and created_at < :end
                        group by type order by type""")
                .param("start", range.start())
                .param("end", range.end())
                .query(rs -> {
                    counts.put(rs.getString("type"), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * A customer message opens a burst when the message before it in its conversation is the
     * business's (or there is none); its first response is the business's next message. The median
     * is over bursts opened in the range and answered (answers may come after the range ends).
     */
    FirstResponse firstResponse(DashboardRange range) {
        return jdbc.sql(
                        """
                        with m as (
                            select direction, sent_at,
                                lag(direction) over (partition by conversation_id order by sent_at, id) as before,
                                min(sent_at) filter (where direction = 'out') over (
                                    partition by conversation_id order by sent_at desc, id desc
                                    rows between unbounded preceding and 1 preceding) as answered_at
                            from message
                            where sent_at >= cast(:start as timestamptz) - interval '1 day'
                              and sent_at < cast(:end as timestamptz) + interval '7 days'),
                        bursts as (
                            select extract(epoch from answered_at - sent_at) as seconds from m
                            where direction = 'in' and (before is null or before = 'out')
                              and sent_at >= :start and sent_at < :end)
                        select percentile_cont(0.5) within group (order by seconds) as median,
                            count(seconds) as answered, count(*) - count(seconds) as unanswered
                        from bursts""")
                .param("start", range.start())
                .param("end", range.end())
                .query((rs, n) -> new FirstResponse(
                        (Double) rs.getObject("median"), rs.getLong("answered"), rs.getLong("unanswered")))
                .single();
    }

    /**
     * Reminded: a record with a reminder sent whose appointment time fell in the range and has
     * passed. A no-show is one of those whose status staff set to {@link #NO_SHOW_STATUSES}; cancelled
     * ones are not counted as expected to come.
     */
    NoShows noShows(DashboardRange range, Timestamp now) {
        return jdbc.sql(
                        """
                        with reminded as (
                            select distinct on (r.id) r.id, lower(r.status) as status from reminder m
                            join record r on r.id = m.record_id
                            where m.state = 'sent' and m.starts_at >= :start and m.starts_at < :end
                              and m.starts_at < :now)
                        select count(*) filter (where status <> 'cancelled') as expected,
                            count(*) filter (where status in (:noShow)) as no_shows,
                            count(*) filter (where status = 'cancelled') as cancelled
                        from reminded""")
                .param("start", range.start())
                .param("end", range.end())
                .param("now", now)
                .param("noShow", NO_SHOW_STATUSES)
                .query((rs, n) -> new NoShows(rs.getLong("expected"), rs.getLong("no_shows"), rs.getLong("cancelled")))
                .single();
    }

    /**
     * Deliveries per connector by state, for rows last touched in the range: every record sink of the
     * outbox, and Xero's payment queue as {@code xero}.
     */
    Map<String, Map<String, Long>> deliveriesPerConnector(DashboardRange range) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.sql(
                        """
                        select sink, state, count(*) as n from delivery
                        where updated_at >= :start and updated_at < :end group by sink, state
                        union all
                        select 'xero', state, count(*) from xero_payment
                        where updated_at >= :start and updated_at < :end group by state""")
                .param("start", range.start())
                .param("end", range.end())
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString("sink"), s -> new TreeMap<>())
                            .put(rs.getString("state"), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * Money in on the bank statements booked in the range: entries matched for good (automatically
     * or by a person) against all of them; those waiting for a person counted apart.
     */
    PaymentMatches paymentMatches(DashboardRange range) {
        return jdbc.sql(
                        """
                        select count(*) as entries,
                            count(*) filter (where exists (select 1 from reconcile_match m
                                where m.bank_entry_id = e.id and m.state = 'matched')) as matched,
                            count(*) filter (where exists (select 1 from reconcile_match m
                                where m.bank_entry_id = e.id and m.state in ('review', 'amount_differs'))) as waiting
                        from bank_entry e
                        where e.amount > 0 and e.booked_on >= :from and e.booked_on <= :to""")
                .param("from", range.from())
                .param("to", range.to())
                .query((rs, n) ->
                        new PaymentMatches(rs.getLong("entries"), rs.getLong("matched"), rs.getLong("waiting")))
                .single();
    }

    /**
     * Conversations set aside because their extraction failed, newest first, whatever the range: their
     * messages are stored but no record was read from them until a message arrives in them (V102).
     */
    Unextracted unextracted() {
        long[] total = {0};
        List<Parked> newest = jdbc.sql(
                        """
                        select id, extraction_failed_at, extraction_error, count(*) over () as total from conversation
                        where extraction_error is not null order by extraction_failed_at desc, id limit ?""")
                .param(UNEXTRACTED_SHOWN)
                .query((rs, n) -> {
                    total[0] = rs.getLong("total");
                    return new Parked(
                            Pii.maskConversation(rs.getString("id")),
                            rs.getTimestamp("extraction_failed_at").toInstant(),
                            rs.getString("extraction_error"));
                })
                .list();
        return new Unextracted(total[0], newest);
    }

    /** @param newest at most {@value #UNEXTRACTED_SHOWN} */
    record Unextracted(long total, List<Parked> newest) {}

    /** @param conversation masked as in the server log, where the error's stack is */
    record Parked(String conversation, Instant failedAt, String error) {}

    record DayCount(LocalDate day, long fromCustomers, long fromBusiness) {}

    /** @param medianSeconds null when no burst in the range was answered */
    record FirstResponse(Double medianSeconds, long answered, long unanswered) {

        /** The median in words ("12 min"), or a dash when nothing was answered. */
        public String median() {
            return medianSeconds == null ? "—" : Durations.words(medianSeconds);
        }
    }

    record NoShows(long expected, long noShows, long cancelled) {

        /** Percent of expected visits that were no-shows; null when none was expected. */
        public BigDecimal rate() {
            return percent(noShows, expected);
        }
    }

    record PaymentMatches(long entries, long matched, long waiting) {

        public BigDecimal rate() {
            return percent(matched, entries);
        }
    }

    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100.0 / whole).setScale(1, java.math.RoundingMode.HALF_UP);
    }
}
