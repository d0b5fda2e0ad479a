package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An admin breaks a mapping file while chatbridge runs: the problem is shown with file and line, the
 * previous mappings stay active, and bookings keep being recorded.
 */
class MappingReloadIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path mappings;

    @Test
    void aBrokenEditIsReportedAndThePreviousMappingsKeepWorking() throws Exception {
        try (Stream<Path> shipped = Files.list(Path.of("mappings"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        ConfigurableApplicationContext app = TestApplication.startWithShippedMappings(
                dataDir, "--chatbridge.mappings-dir=" + mappings, "--chatbridge.mappings-reload-interval=1h");
        try {
            Webhooks webhooks = new Webhooks(TestApplication.port(app));
            String booking = Files.readString(mappings.resolve("booking.yaml"));
            Files.writeString(mappings.resolve("booking.yaml"), booking.replace("type: integer", "type: integr"));

            String status = send(
                    app,
                    HttpRequest.newBuilder(url(app, "/api/mappings/reload")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(status)
                    .contains("booking.yaml")
                    .contains("integr")
                    .contains("did you mean")
                    .contains("\"type\":\"booking\"");

            long monday = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond();
            webhooks.post(Webhooks.textMessage(
                    "wamid.reload1",
                    "447700900777",
                    "Bo",
                    monday,
                    "Hi, can I book a table for 4 people on Friday at 8pm? name is Bo Chen"));
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql(
                                            "select count(*) from record where type = 'booking' and customer_phone = '+447700900777'")
                                    .query(Long.class)
                                    .single()
                            == 1);
        } finally {
            app.close();
        }
    }

    private static URI url(ConfigurableApplicationContext app, String path) {
        return URI.create("http://localhost:" + TestApplication.port(app) + path);
    }

    private static String send(ConfigurableApplicationContext app, HttpRequest.Builder request) {
        String auth = Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes());
        return new Webhooks(TestApplication.port(app))
                .send(request.header("Authorization", "Basic " + auth).build())
                .body();
    }
}
