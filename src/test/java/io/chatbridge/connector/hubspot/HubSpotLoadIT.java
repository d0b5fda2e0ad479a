package io.chatbridge.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.record.RecordService;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.hubspot.FakeHubSpot;
import io.chatbridge.support.hubspot.HubSpotInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * T6, HubSpot requests per 1,000 records, measured against the fake with the default budget (100 per
 * 10 s): 1,000 bookings from 1,000 new customers queued at once, then a status change on each of them.
 * The naive baseline (one contact, one deal, one association and one note request per record) is
 * 4,000 requests per 1,000 new records and 1,000 per 1,000 status changes; the fake counts what this
 * connector sends, in the same run. Also checks that no 10 seconds carry more than 80 % of the tier.
 * {@code -Dhubspot.load.records=N} changes the size.
 */
class HubSpotLoadIT {

    static final int RECORDS = Integer.getInteger("hubspot.load.records", 1000);

    @TempDir
    static Path dir;

    static FakeHubSpot fake;
    static ConfigurableApplicationContext app;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        fake = new FakeHubSpot();
        app = HubSpotInstance.start(
                fake, dir, "--chatbridge.hubspot.flush-interval=2s", "--chatbridge.outbox.max-attempts=1000");
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @Test
    void newRecordsAndTheirUpdatesTakeAFewRequestsPerThousandAndStayUnder80PercentOfTheTier() throws Exception {
        var routes = app.getBean(CamelContext.class).getRouteController();
        routes.stopRoute("deliver-hubspot");
        Webhooks webhooks = new Webhooks(TestApplication.port(app));
        IntStream.range(0, RECORDS).parallel().forEach(i -> assertThat(webhooks.post(Webhooks.textMessage(
                                "wamid.load" + i,
                                "4478" + String.format("%08d", i),
                                "Guest",
                                System.currentTimeMillis() / 1000,
                                "Hi, I would like to book a table for " + (2 + i % 8)
                                        + " people on 5 December at 7pm, name is Guest"))
                        .statusCode())
                .isEqualTo(200));
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> pending() >= RECORDS);

        fake.resetCounters();
        long started = System.nanoTime();
        routes.startRoute("deliver-hubspot");
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pending() == 0 && fake.objects("deals").size() >= RECORDS);
        double created = (System.nanoTime() - started) / 1e9;
        long createRequests = fake.requests();
        int createBurst = fake.busiestTenSeconds();
        report("new", created, createRequests, 4 * RECORDS, createBurst);

        routes.stopRoute("deliver-hubspot");
        RecordService records = app.getBean(RecordService.class);
        List<String> ids = jdbc.sql("select human_id from record where type = 'booking'")
                .query(String.class)
                .list();
        ids.forEach(id -> records.applyChange(id, RecordService.ORIGIN_ADMIN, Map.of("status", "confirmed"), "load"));
        await().atMost(Duration.ofMinutes(2)).until(() -> pending() >= RECORDS);
        fake.resetCounters();
        started = System.nanoTime();
        routes.startRoute("deliver-hubspot");
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pending() == 0);
        double updated = (System.nanoTime() - started) / 1e9;
        long updateRequests = fake.requests();
        report("status-change", updated, updateRequests, RECORDS, fake.busiestTenSeconds());

        assertThat(fake.objects("deals")).hasSize(RECORDS);
        assertThat(fake.objects("contacts")).hasSize(RECORDS);
        assertThat(fake.objects("deals"))
                .allSatisfy(d -> assertThat(d.properties()).containsEntry("dealstage", "contractsent"));
        assertThat(fake.notes()).hasSize(RECORDS);
        assertThat(createRequests * 1000.0 / RECORDS).isLessThanOrEqualTo(45); // 4 kinds × 10 batches + setup
        assertThat(updateRequests * 1000.0 / RECORDS).isLessThanOrEqualTo(15); // T6
        assertThat(Math.max(createBurst, fake.busiestTenSeconds())).isLessThanOrEqualTo(80); // ≤80 % of 100 per 10 s
        assertThat(jdbc.sql("select count(*) from delivery where sink = 'hubspot' and state = 'dead'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static long pending() {
        return jdbc.sql("select count(*) from delivery where sink = 'hubspot' and state in ('pending', 'in_flight')")
                .query(Long.class)
                .single();
    }

    private static void report(String phase, double seconds, long requests, long naive, int burst) {
        System.out.printf(
                "HUBSPOT-LOAD phase=%s records=%d seconds=%.1f requests=%d requests_per_1000=%.1f naive_per_1000=%d"
                        + " ratio=%.1fx busiest_10s=%d upserts_contacts=%d upserts_deals=%d associate=%d notes=%d%n",
                phase,
                RECORDS,
                seconds,
                requests,
                requests * 1000.0 / RECORDS,
                naive * 1000 / RECORDS,
                (double) naive / Math.max(1, requests),
                burst,
                fake.requests("upsert:contacts"),
                fake.requests("upsert:deals"),
                fake.requests("associate"),
                fake.requests("notes"));
    }
}
