package io.chatbridge.connector.sheets;

import io.chatbridge.record.RecordSnapshot;
import io.chatbridge.support.sheets.FakeSheets;
import io.chatbridge.support.sheets.FakeSheets.Kind;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batched upsert versus the naive one-append-per-record strategy (n8n's: read the sheet, append one
 * row), both through the real Google client, the default budget (50 writes and reads a minute) and
 * Google's backoff, against the same fake that enforces Google's 60 requests a minute. Records arrive
 * at a steady rate; "visible" is when the request that carried a record's row returned.
 *
 * <pre>java -cp … io.chatbridge.connector.sheets.SheetsBenchmark [rate/s] [seconds] [flush seconds]</pre>
 */
public final class SheetsBenchmark {

    record Arrival(RecordSnapshot record, long nanos) {}

    private final SheetsTestDatabase db;
    private final FakeSheets fake;
    private final SheetsClient client;
    private final SheetsWriter writer;
    private final double rate;
    private final Duration duration;
    private final Duration flush;

    SheetsBenchmark(double rate, Duration duration, Duration flush) throws Exception {
        this.rate = rate;
        this.duration = duration;
        this.flush = flush;
        db = new SheetsTestDatabase();
        fake = new FakeSheets();
        SheetsProperties properties = new SheetsProperties(
                true,
                fake.rootUrl(),
                fake.serviceAccountFile(Files.createTempDirectory("sheets-bench")),
                Duration.ofSeconds(15),
                flush,
                50,
                50,
                Duration.ofSeconds(30),
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(32));
        client = new PacedSheetsClient(
                GoogleSheetsClient.create(properties),
                new RequestBudget(db.jdbc, "bench-read", 50),
                new RequestBudget(db.jdbc, "bench-write", 50),
                GoogleBackoff.of(properties),
                5,
                d -> Thread.sleep(d.toMillis()));
        writer = new SheetsWriter(client, db.store());
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Duration flush = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
        SheetsBenchmark bench = new SheetsBenchmark(rate, duration, flush);
        try {
            System.out.printf(
                    "%nrate %.0f records/s for %d s, flush every %d s, budget 50 writes/min, fake quota 60/min%n",
                    rate, duration.toSeconds(), flush.toSeconds());
            System.out.println(
                    "| strategy | delivered | records/min | requests/1,000 | writes/1,000 | 429s | visible p50 | visible p95 | backlog at end |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            bench.run("batched upsert", true);
            bench.run("naive append per record", false);
        } finally {
            bench.fake.close();
            bench.db.close();
            System.exit(0);
        }
    }

    void run(String name, boolean batched) throws Exception {
        String sheet = batched ? "batched" : "naive";
        fake.createSpreadsheet(sheet, "Bookings");
        SheetsBinding binding = new SheetsBinding(
                "booking", sheet, "Bookings", columns(), Set.of("status"), Map.of("guests", "integer"), "new", false);
        fake.resetCounters();
        ConcurrentLinkedQueue<Arrival> queue = new ConcurrentLinkedQueue<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(sheet, queue, producing));
        long start = System.nanoTime();
        producer.start();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            if (batched) {
                Thread.sleep(flush.toMillis());
                List<Arrival> batch = drain(queue, 500);
                if (!batch.isEmpty()) {
                    writer.write(binding, batch.stream().map(Arrival::record).toList());
                    long now = System.nanoTime();
                    batch.forEach(a -> latencies.add(now - a.nanos()));
                }
            } else {
                Arrival next = queue.poll();
                if (next == null) {
                    Thread.sleep(10);
                    continue;
                }
                naiveAppend(binding, next.record());
                latencies.add(System.nanoTime() - next.nanos());
            }
        }
        producing.set(false);
        producer.join();
        report(name, latencies, queue.size(), (System.nanoTime() - start) / 1e9);
    }

    private void produce(String sheet, ConcurrentLinkedQueue<Arrival> queue, AtomicBoolean producing) {
        long interval = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; producing.get(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("event_date", "2026-12-05");
            fields.put("event_time", "19:30");
            fields.put("guests", 2 + i % 8);
            fields.put("customer_name", "Guest " + i);
            fields.put("phone", "+4477009" + String.format("%05d", i));
            queue.add(new Arrival(db.record("BK-" + sheet + "-" + i, "booking", "new", fields), System.nanoTime()));
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** n8n's pattern: read the whole sheet, then append one row. */
    private void naiveAppend(SheetsBinding binding, RecordSnapshot record) throws SheetsApiException {
        client.read(binding.spreadsheetId(), List.of(binding.quotedTab()));
        List<Object> row = new ArrayList<>();
        binding.columns()
                .values()
                .forEach(field -> row.add(SheetCells.toCell(SheetsWriter.value(binding, record, field))));
        client.append(binding.spreadsheetId(), binding.quotedTab() + "!A1", List.of(row));
    }

    private static List<Arrival> drain(ConcurrentLinkedQueue<Arrival> queue, int max) {
        List<Arrival> batch = new ArrayList<>();
        for (Arrival a; batch.size() < max && (a = queue.poll()) != null; ) {
            batch.add(a);
        }
        return batch;
    }

    private void report(String name, List<Long> latencies, int backlog, double seconds) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int delivered = sorted.size();
        int requests = fake.writeRequests() + fake.requests(Kind.READ);
        System.out.printf(
                "| %s | %d | %.0f | %.0f | %.0f | %d | %.1f s | %.1f s | %d |%n",
                name,
                delivered,
                delivered / seconds * 60,
                requests * 1000.0 / Math.max(1, delivered),
                fake.writeRequests() * 1000.0 / Math.max(1, delivered),
                fake.rejectedWithQuota(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                backlog);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e9;
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("Booking ID", "id");
        columns.put("Date", "event_date");
        columns.put("Time", "event_time");
        columns.put("Guests", "guests");
        columns.put("Name", "customer_name");
        columns.put("Phone", "phone");
        columns.put("Status", "status");
        return columns;
    }
}
