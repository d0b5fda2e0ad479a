package io.chatbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.HostileWebhooks;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drill 6 of issue 11 in the normal suite: a seeded corpus of hostile, signed webhooks over a real
 * socket. No answer is a 5xx, every well-formed envelope is acknowledged, and every acknowledged
 * envelope is normalised: the canary beside its hostile neighbours is always stored, and no inbox row
 * is left failing (a row that fails forever is a message lost).
 */
class HostileWebhookIT {

    private static final long SEED = 20261126L;
    private static final int BODIES = 400;

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        app = TestApplication.start(dataDir);
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void hostileWebhooksNeverGet5xxAndNeverLoseTheMessagesBesideThem() {
        HostileWebhooks corpus = new HostileWebhooks(SEED);
        List<String> acknowledgedCanaries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            HostileWebhooks.Body body = corpus.next();
            HttpResponse<String> response = webhooks.post(body.bytes());
            int status = response.statusCode();
            if (body.wellFormed()) {
                if (status == 200) {
                    acknowledgedCanaries.add(body.canaryId());
                } else {
                    problems.add("#" + i + " " + body.kind() + " -> " + status + " " + response.body());
                }
            } else if (!Set.of(200, 400, 413).contains(status)) {
                problems.add("#" + i + " " + body.kind() + " -> " + status + " " + response.body());
            }
        }
        assertThat(problems).isEmpty();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("select count(*) from inbox where state = 'received'") == 0);
        List<String> failing = jdbc.sql(
                        "select id || ': ' || coalesce(last_error, '') from inbox where state in ('failed', 'dead')")
                .query(String.class)
                .list();
        assertThat(failing).as("inbox rows that cannot be normalised").isEmpty();
        List<String> stored = jdbc.sql("select external_id from message where external_id like 'wamid.canary.%'")
                .query(String.class)
                .list();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledgedCanaries);
    }

    @Test
    void aRowThatPostgresRefusesFailsAloneAndTheMessagesAfterItAreStillNormalised() {
        // an import chunk (written by hand here, as a bug or a newer version might) whose text carries a
        // NUL: PostgreSQL refuses the insert and, without a savepoint, aborts the batch's transaction
        String poison =
                """
                {"format":1,"source":"poison.txt","messages":[{"id":"export.poison","phoneNumberId":"442079460000",
                "businessNumber":"+442079460000","customerId":"447700900777","customerName":"P","direction":"in",
                "author":"P","type":"text","text":"nul \\u0000 here","media":null,"sentAt":"2024-01-13T10:00:00Z","line":1}]}""";
        long poisonRow = jdbc.sql(
                        "insert into inbox (channel, dedupe_key, content_type, raw) values ('export', 'poison-chunk', 'application/json', ?) returning id")
                .param(poison.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .query(Long.class)
                .single();
        byte[] after = Webhooks.textMessage("wamid.after-poison", "447700900778", "Q", 1_760_000_000, "still here");

        assertThat(webhooks.post(after).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from message where external_id = 'wamid.after-poison'") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select state from inbox where id = ?")
                .param(poisonRow)
                .query(String.class)
                .single()
                .matches("failed|dead"));
        assertThat(jdbc.sql("select last_error from inbox where id = ?")
                        .param(poisonRow)
                        .query(String.class)
                        .single())
                .isNotBlank();
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
