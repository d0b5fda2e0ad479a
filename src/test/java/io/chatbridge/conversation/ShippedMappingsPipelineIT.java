package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The newcomer's path with nothing faked: signed webhooks through the shipped mappings and the
 * rule-based extractor to a booking, its history, the API and the log sink.
 */
class ShippedMappingsPipelineIT {

    // Monday 2026-11-23 10:00 in London
    private static final long MONDAY = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond();

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        app = TestApplication.startWithShippedMappings(dataDir);
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aBookingSpreadOverThreeMessagesBecomesOneCompleteRecord() throws Exception {
        String customer = "447700900555";
        post("wamid.s1", customer, MONDAY, "Hi! I'd like to book a table for Saturday at 7pm");
        post("wamid.s2", customer, MONDAY + 60, "we'll be 8 people");
        post("wamid.s3", customer, MONDAY + 120, "name is Ana Lima");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "select count(*) from record where type = 'booking' and complete and customer_phone = ?")
                                .param("+" + customer)
                                .query(Long.class)
                                .single()
                        == 1);
        String humanId = jdbc.sql("select human_id from record where type = 'booking' and customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .single();
        assertThat(humanId).matches("BK-\\d{4}");

        JsonNode record = new ObjectMapper()
                .readTree(webhooks.get("/api/records/" + humanId, "admin", "test-admin-password")
                        .body())
                .path("record");
        JsonNode fields = record.path("fields");
        assertThat(fields.path("event_date").asText()).isEqualTo("2026-11-28");
        assertThat(fields.path("event_time").asText()).isEqualTo("19:00");
        assertThat(fields.path("guests").asInt()).isEqualTo(8);
        assertThat(fields.path("customer_name").asText()).isEqualTo("Ana Lima");
        assertThat(fields.path("phone").asText()).isEqualTo("+447700900555");
        assertThat(record.path("status").asText()).isEqualTo("new");
        assertThat(record.path("history").size()).isGreaterThanOrEqualTo(5);
        assertThat(record.path("sourceMessages").toString())
                .contains("wamid.s1")
                .contains("wamid.s2");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> Files.exists(dataDir.resolve("deliveries.jsonl"))
                        && Files.readString(dataDir.resolve("deliveries.jsonl"))
                                .contains("\"id\":\"" + humanId + "\""));
    }

    @Test
    void smallTalkCreatesNoRecord() {
        String customer = "447700900556";
        post("wamid.t1", customer, MONDAY, "Hello! do you do wedding cakes?");
        post("wamid.t2", customer, MONDAY + 30, "ok thanks \uD83D\uDE4F");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from message where conversation_id like ? and extracted")
                                .param("%:" + customer)
                                .query(Long.class)
                                .single()
                        == 2);
        assertThat(jdbc.sql("select count(*) from record where customer_phone = ?")
                        .param("+" + customer)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void post(String wamid, String customer, long epochSeconds, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, customer, "Ana", epochSeconds, text))
                        .statusCode())
                .isEqualTo(200);
    }
}
