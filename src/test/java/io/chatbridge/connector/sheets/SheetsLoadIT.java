package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.sheets.FakeSheets;
import io.chatbridge.support.sheets.FakeSheets.Kind;
import io.chatbridge.support.sheets.SheetsInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Quota and outage behaviour with the default budget (50 writes a minute) against a fake that
 * enforces Google's 60 a minute: a burst of 500 bookings, and an outage the backlog must survive
 * without a duplicate row. The outage lasts {@code -Dsheets.outage.seconds} (20 by default; the issue's
 * 120 with {@code -Dsheets.outage.seconds=120}).
 */
class SheetsLoadIT {

    static final String TAB = SheetsInstance.TAB;

    @TempDir
    static Path dir;

    static FakeSheets fake;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;

    @BeforeAll
    static void start() {
        fake = new FakeSheets();
        fake.createSpreadsheet("burst", TAB);
        app = SheetsInstance.start(
                fake,
                "burst",
                dir,
                "--chatbridge.sheets.flush-interval=5s",
                "--chatbridge.sheets.poll-interval=15s",
                "--chatbridge.sheets.backoff-unit=200ms",
                "--chatbridge.sheets.max-backoff=2s",
                "--chatbridge.outbox.max-attempts=1000");
        webhooks = new Webhooks(TestApplication.port(app));
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    /**
     * 500 bookings queued at once (the sheets route is held while they are ingested, as happens when
     * records arrive faster than one flush interval), then written under the default budget.
     */
    @Test
    void aBurstOf500QueuedBookingsTakesAHandfulOfRequestsAndNeverHitsTheQuota() throws Exception {
        var routes = app.getBean(org.apache.camel.CamelContext.class).getRouteController();
        routes.stopRoute("deliver-sheets");
        int before = dataRows();
        post("burst", 500);
        var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.sql("select count(*) from delivery where sink = 'sheets' and state = 'pending'")
                                .query(Long.class)
                                .single()
                        >= 500);
        fake.resetCounters();
        long started = System.nanoTime();
        routes.startRoute("deliver-sheets");
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> dataRows() >= before + 500);
        double seconds = (System.nanoTime() - started) / 1e9;

        int requests = fake.writeRequests() + fake.requests(Kind.READ);
        System.out.printf(
                "SHEETS-BURST records=500 seconds=%.1f writes=%d reads=%d requests_per_1000=%.1f "
                        + "rejected_429=%d%n",
                seconds, fake.writeRequests(), fake.requests(Kind.READ), requests * 2.0, fake.rejectedWithQuota());
        assertThat(fake.rejectedWithQuota()).isZero();
        assertThat(requests).isLessThanOrEqualTo(5); // one read, the header row if new, one append, a poll or two
        assertThat(uniqueIds()).hasSize(before + 500);
    }

    @Test
    void anOutageIsRiddenOutAndTheBacklogDrainsWithoutDuplicates() throws InterruptedException {
        int outage = Integer.getInteger("sheets.outage.seconds", 20);
        int before = dataRows();
        fake.down(true);
        post("outage", 60);
        Thread.sleep(outage * 1000L);
        assertThat(dataRows()).isEqualTo(before);
        long up = System.nanoTime();
        fake.down(false);

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> dataRows() >= before + 60);
        System.out.printf("SHEETS-OUTAGE seconds=%d drained_after=%.1fs%n", outage, (System.nanoTime() - up) / 1e9);
        assertThat(uniqueIds()).hasSize(dataRows());
        assertThat(fake.rejectedWithQuota()).isZero();
    }

    private static void post(String prefix, int count) {
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
            String waId = "4477" + (prefix.hashCode() & 0xff) + String.format("%06d", i);
            assertThat(webhooks.post(Webhooks.textMessage(
                                    "wamid." + prefix + i,
                                    waId,
                                    "Guest",
                                    System.currentTimeMillis() / 1000,
                                    "Hi, I would like to book a table for " + (2 + i % 8)
                                            + " people on 5 December at 7pm, name is Guest " + prefix))
                            .statusCode())
                    .isEqualTo(200);
        });
    }

    private static int dataRows() {
        return Math.max(0, fake.rows("burst", TAB).size() - 1);
    }

    private static Set<String> uniqueIds() {
        List<List<String>> rows = fake.rows("burst", TAB);
        Set<String> ids = new HashSet<>();
        rows.subList(1, rows.size()).forEach(r -> ids.add(r.get(0)));
        return ids;
    }
}
