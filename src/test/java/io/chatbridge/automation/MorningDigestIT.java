package io.chatbridge.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.connector.whatsapp.OutboundMessage;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.record.RecordService;
import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The owner's morning digest for a fixed day, compared with the text an owner would read. */
class MorningDigestIT {

    private static final String OWNER = "+447700900999";
    private static final Instant WEDNESDAY_1300 = Instant.parse("2026-12-09T13:00:00Z"); // after the 4-hour grace

    @TempDir
    static Path dataDir;

    @TempDir
    static Path mappingsDir;

    static FakeGraphApi graph;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappingsDir.resolve(file.getFileName()));
            }
        }
        Path business = mappingsDir.resolve("business.yaml");
        Files.writeString(
                business,
                Files.readString(business)
                        .replace("${CHATBRIDGE_OWNER_NUMBER:}", OWNER)
                        .replace("${CHATBRIDGE_BUSINESS_NAME:My Business}", "Casa Lima"));
        graph = new FakeGraphApi();
        TestClock.INSTANCE.set(WEDNESDAY_1300);
        List<String> args = new ArrayList<>(List.of(graph.properties()));
        args.add("--chatbridge.mappings-dir=" + mappingsDir);
        args.add("--chatbridge.automations.digest-poll-millis=200");
        app = TestApplication.startWithClock(dataDir, List.of(), args.toArray(String[]::new));
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
        TestClock.INSTANCE.reset();
    }

    @Test
    void theDigestForThursdayListsNewChangedIncompleteAndUnanswered() {
        assertThat(outbox().list(null, "digest", 10))
                .as("no digest on Wednesday: started after 12:00")
                .isEmpty();
        post(
                "wamid.d1",
                "447700900901",
                "Ana",
                "Hi, I'd like to book a table for 4 people on 12 December at 8pm, name is Ana Lima");
        post("wamid.d2", "447700900902", "Ben", "Hi, I'd like to book a table on 13 December at 7pm");
        post(
                "wamid.d3",
                "447700900903",
                "Cleo",
                "Hi, I'd like to book a table for 2 people on 14 December at 1pm, name is Cleo Park");
        post("wamid.d4", "447700900904", "Dan", "Are you open on Sunday?");
        String ana = awaitRecord("447700900901");
        String ben = awaitRecord("447700900902");
        String cleo = awaitRecord("447700900903");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from message where external_id = 'wamid.d4'")
                                .query(Long.class)
                                .single()
                        == 1);
        // Cleo booked on Monday; the owner confirmed it on Wednesday
        jdbc.sql("update record set created_at = ? where human_id = ?")
                .params(Timestamp.from(Instant.parse("2026-12-07T12:00:00Z")), cleo)
                .update();
        app.getBean(RecordService.class).applyChange(cleo, "admin", Map.of("status", "confirmed"), "owner");
        jdbc.sql("update record set created_at = ?, updated_at = ? where human_id in (?, ?)")
                .params(Timestamp.from(WEDNESDAY_1300), Timestamp.from(WEDNESDAY_1300), ana, ben)
                .update();
        jdbc.sql("update record set updated_at = ? where human_id = ?")
                .params(Timestamp.from(WEDNESDAY_1300), cleo)
                .update();

        TestClock.INSTANCE.set(Instant.parse("2026-12-10T08:00:05Z"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox().findByKey("digest:" + Webhooks.PHONE_NUMBER_ID + ":2026-12-10")
                        .map(OutboundMessage::state)
                        .filter("accepted"::equals)
                        .isPresent());
        OutboundMessage digest = outbox().findByKey("digest:" + Webhooks.PHONE_NUMBER_ID + ":2026-12-10")
                .orElseThrow();
        assertThat(digest.body())
                .isEqualTo(
                        """
                Good morning! Casa Lima, Thu 10 Dec (since Wed 9 Dec 08:00)
                New (2): booking %s, %s
                Changed (1): booking %s
                Incomplete (1): %s needs guests
                Unanswered (1): Dan +447700900904 "Are you open on Sunday?\""""
                                .formatted(ana, ben, cleo, ben));
        FakeGraphApi.Request sent = graph.acceptedTo(OWNER).get(0);
        assertThat(sent.type()).isEqualTo("template"); // the owner has not written to the business number
        assertThat(sent.templateName()).isEqualTo("morning_digest");
        assertThat(sent.templateParameters()).containsExactly(digest.body().replace("\n", " · "));

        TestClock.INSTANCE.set(Instant.parse("2026-12-10T09:00:00Z"));
        app.getBean(MorningDigest.class).runDue();
        assertThat(graph.acceptedTo(OWNER)).as("one digest a day").hasSize(1);
    }

    private static WhatsAppOutbox outbox() {
        return app.getBean(WhatsAppOutbox.class);
    }

    private static String awaitRecord(String customer) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from record where customer_phone = ?")
                                .param("+" + customer)
                                .query(Long.class)
                                .single()
                        == 1);
        return jdbc.sql("select human_id from record where customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .single();
    }

    private static void post(String wamid, String customer, String name, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, customer, name, WEDNESDAY_1300.getEpochSecond(), text))
                        .statusCode())
                .isEqualTo(200);
    }
}
