package io.chatbridge.web.console.ops.dashboard;

import io.chatbridge.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times each dashboard query on a filled database (1,000,000 messages in 50,000 conversations over a
 * year, 100,000 records, 200,000 deliveries, 20,000 reminders, 50,000 bank entries), for the last 30
 * days, with the V72 indexes and, in the same run on the same data, without them (the baseline).
 * Prints the median of 7 runs per query and writes each plan (EXPLAIN ANALYZE) to
 * {@code bench/out/dashboard-plans.txt}. Not a test: run it by hand (see bench/README.md).
 */
public final class DashboardQueryBenchmark {

    private static final String[] V72_INDEXES = {
        "create index message_sent_at on message (sent_at)",
        "create index record_created_at on record (created_at)",
        "create index delivery_updated_at on delivery (updated_at)",
        "create index reminder_sent_starts on reminder (starts_at) where state = 'sent'"
    };

    private DashboardQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            Instant now = Instant.parse("2026-11-26T12:00:00Z");
            fill(db, now);
            DashboardQueries queries = new DashboardQueries(db.jdbc);
            DashboardRange range = DashboardRange.last(30, LocalDate.of(2026, 11, 26), ZoneId.of("Europe/London"));
            Map<String, Supplier<Object>> metrics = metrics(queries, range, now);
            Map<String, Double> indexed = time(metrics);
            StringBuilder plans = new StringBuilder();
            explain(db, range, now, plans, "with V72 indexes");
            for (String index : V72_INDEXES) {
                db.jdbc.sql("drop index " + index.split(" ")[2]).update();
            }
            db.jdbc.sql("analyze").update();
            Map<String, Double> baseline = time(metrics);
            explain(db, range, now, plans, "without V72 indexes (baseline)");
            print(indexed, baseline);
            Path out = Path.of("bench", "out", "dashboard-plans.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, plans);
            System.out.println("plans: " + out);
        }
    }

    private static Map<String, Supplier<Object>> metrics(DashboardQueries q, DashboardRange range, Instant now) {
        Map<String, Supplier<Object>> metrics = new LinkedHashMap<>();
        metrics.put("messages per day", () -> q.messagesPerDay(range));
        metrics.put("records per type", () -> q.recordsPerType(range));
        metrics.put("median first response", () -> q.firstResponse(range));
        metrics.put("no-show rate", () -> q.noShows(range, Timestamp.from(now)));
        metrics.put("deliveries per connector", () -> q.deliveriesPerConnector(range));
        metrics.put("payment match rate", () -> q.paymentMatches(range));
        return metrics;
    }

    private static Map<String, Double> time(Map<String, Supplier<Object>> metrics) {
        Map<String, Double> medians = new LinkedHashMap<>();
        metrics.forEach((name, query) -> {
            query.get(); // warm the cache and the plan
            double[] ms = new double[7];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                query.get();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            medians.put(name, ms[ms.length / 2]);
        });
        return medians;
    }

    private static void print(Map<String, Double> indexed, Map<String, Double> baseline) {
        System.out.printf("%-26s %14s %14s %8s%n", "metric (last 30 days)", "V72 (ms)", "baseline (ms)", "ratio");
        indexed.forEach((name, ms) -> System.out.printf(
                "%-26s %14.1f %14.1f %7.1fx%n", name, ms, baseline.get(name), baseline.get(name) / ms));
    }

    /** The plans of the two queries that read the largest tables, as PostgreSQL ran them. */
    private static void explain(TestDatabase db, DashboardRange range, Instant now, StringBuilder out, String title) {
        out.append("==== ").append(title).append(" ====\n");
        List<String> sqls = new ArrayList<>(List.of(
                "select (sent_at at time zone 'Europe/London')::date, direction, count(*) from message "
                        + "where sent_at >= '" + range.start() + "' and sent_at < '" + range.end() + "' group by 1, 2",
                "select sink, state, count(*) from delivery where updated_at >= '" + range.start()
                        + "' and updated_at < '" + range.end() + "' group by 1, 2"));
        for (String sql : sqls) {
            out.append(sql).append('\n');
            db.jdbc
                    .sql("explain (analyze, buffers) " + sql)
                    .query(String.class)
                    .list()
                    .forEach(line -> out.append("  ").append(line).append('\n'));
        }
    }

    /** Fills the tables with generate_series; one statement each, a minute or two in all. */
    private static void fill(TestDatabase db, Instant now) throws IOException {
        long start = System.nanoTime();
        Timestamp t = Timestamp.from(now);
        db.jdbc
                .sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id)
                        select 'p:' || g, 'whatsapp', 'p', (447700000000 + g)::text from generate_series(1, 50000) g""")
                .update();
        db.jdbc
                .sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                        select 'whatsapp', 'm' || g, 'p:' || (1 + g % 50000), case when g % 3 = 0 then 'out' else 'in' end,
                            'text', 'hello', ?::timestamptz - (g * interval '31 seconds'), '{}'::jsonb
                        from generate_series(1, 1000000) g""")
                .param(t)
                .update();
        db.jdbc
                .sql(
                        """
                        insert into record (human_id, type, status, created_at)
                        select 'R-' || g, (array['booking', 'order', 'payment', 'appointment'])[1 + g % 4],
                            case when g % 17 = 0 then 'no_show' when g % 11 = 0 then 'cancelled' else 'confirmed' end,
                            ?::timestamptz - (g * interval '5 minutes')
                        from generate_series(1, 100000) g""")
                .param(t)
                .update();
        db.jdbc
                .sql(
                        """
                        insert into delivery (sink, record_id, version, state, updated_at)
                        select (array['sheets', 'excel', 'hubspot', 'log'])[1 + g % 4], 1 + (g / 4) % 100000, 1,
                            case when g % 50 = 0 then 'dead' else 'done' end, ?::timestamptz - (g * interval '150 seconds')
                        from generate_series(0, 199999) g""")
                .param(t)
                .update();
        db.jdbc
                .sql(
                        """
                        insert into reminder (record_id, before_minutes, starts_at, due_at, state, updated_at)
                        select g, 1440, ?::timestamptz - (g * interval '25 minutes'),
                            ?::timestamptz - (g * interval '25 minutes') - interval '1 day',
                            case when g % 5 = 0 then 'skipped' else 'sent' end, now()
                        from generate_series(1, 20000) g""")
                .params(t, t)
                .update();
        db.jdbc
                .sql(
                        """
                        insert into bank_statement (file_name, origin, format, content_sha256, statements, entries, new_entries)
                        values ('bench.csv', 'upload', 'csv', 'bench', 1, 50000, 50000)""")
                .update();
        db.jdbc
                .sql(
                        """
                        insert into bank_entry (statement_id, dedupe_key, account, booked_on, amount, currency, remittance)
                        select 1, 'e' || g, 'ES', date '2026-11-26' - (g % 365), 10 + g % 90, 'EUR', 'ref ' || g
                        from generate_series(1, 50000) g""")
                .update();
        db.jdbc
                .sql(
                        """
                        insert into reconcile_match (bank_entry_id, state, automatic, score, rule, explanation)
                        select g, case when g % 10 = 0 then 'review' else 'matched' end, true, 0.9, 'r', 'x'
                        from generate_series(1, 50000) g where g % 7 <> 0""")
                .update();
        db.jdbc.sql("analyze").update();
        System.out.printf("filled in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
}
