package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stops chatbridge while webhooks are arriving and the pipeline is busy, starts it again on the same
 * data directory (same embedded database), and checks that every acknowledged message is there
 * exactly once and became exactly one record.
 */
class CrashRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void nothingAcknowledgedIsLostOrDoubledAcrossAStopMidProcessing() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ConfigurableApplicationContext first = TestApplication.start(dataDir);
        Webhooks webhooks = new Webhooks(TestApplication.port(first));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            String wamid = "wamid.crash" + i;
            byte[] body = Webhooks.textMessage(
                    wamid, "4479000" + (10_000 + i % 150), "C", 1_760_000_000 + i, "book crash " + i);
            senders.submit(() -> {
                try {
                    if (webhooks.post(body).statusCode() == 200) {
                        acknowledged.add(wamid);
                    }
                } catch (RuntimeException refusedDuringShutdown) {
                    // not acknowledged: Meta would retry it
                }
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 150);
        first.close();
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(150);

        ConfigurableApplicationContext second = TestApplication.start(dataDir);
        try {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(
                                            jdbc,
                                            "select count(*) from message where external_id like 'wamid.crash%' and extracted")
                                    >= acknowledged.size()
                            && count(jdbc, "select count(*) from inbox where state <> 'normalised'") == 0);

            List<String> stored = jdbc.sql("select external_id from message where external_id like 'wamid.crash%'")
                    .query(String.class)
                    .list();
            assertThat(stored).doesNotHaveDuplicates().containsAll(acknowledged);
            assertThat(count(jdbc, "select count(*) from record where fields->>'notes' like 'book crash %'"))
                    .isEqualTo(stored.size());
            assertThat(
                            count(
                                    jdbc,
                                    "select count(*) from (select anchor_message_id from record group by anchor_message_id having count(*) > 1) d"))
                    .isZero();
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            count(jdbc, "select count(*) from delivery where sink = 'log' and state <> 'done'") == 0);
            assertThat(loggedIds())
                    .containsAll(jdbc.sql("select human_id from record where fields->>'notes' like 'book crash %'")
                            .query(String.class)
                            .list());
        } finally {
            second.close();
        }
    }

    private Set<String> loggedIds() throws IOException {
        Set<String> ids = new java.util.HashSet<>();
        for (String line : Files.readAllLines(dataDir.resolve("deliveries.jsonl"))) {
            int start = line.indexOf("\"id\":\"") + 6;
            ids.add(line.substring(start, line.indexOf('"', start)));
        }
        return ids;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
