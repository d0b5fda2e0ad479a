package io.chatbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * While PostgreSQL is down the webhook answers 503 (so Meta retries) instead of acknowledging what it
 * cannot store; when the database is back, chatbridge reconnects by itself.
 */
class DatabaseOutageIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path pgDir;

    @Test
    void webhooksGet503WhileTheDatabaseIsDownAndAreStoredAgainAfterwards() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                .start();
        int port = postgres.getPort();
        ConfigurableApplicationContext app = TestApplication.start(
                dataDir,
                "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.connection-timeout=1000");
        try {
            Webhooks webhooks = new Webhooks(TestApplication.port(app));
            assertThat(webhooks.post(Webhooks.textMessage("wamid.before", "447000088001", "B", 1_760_000_000, "hi"))
                            .statusCode())
                    .isEqualTo(200);

            postgres.close();
            var during = webhooks.post(Webhooks.textMessage("wamid.during", "447000088001", "B", 1_760_000_001, "hi"));
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).hasValue("5");

            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            byte[] retried = Webhooks.textMessage("wamid.during", "447000088001", "B", 1_760_000_001, "hi");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> webhooks.post(retried).statusCode() == 200);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql(
                                            "select count(*) from message where external_id in ('wamid.before', 'wamid.during')")
                                    .query(Long.class)
                                    .single()
                            == 2);
        } finally {
            app.close();
            postgres.close();
        }
    }
}
