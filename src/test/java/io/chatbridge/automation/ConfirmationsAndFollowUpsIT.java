package io.chatbridge.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.connector.whatsapp.OutboundMessage;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.conversation.ConversationExtraction;
import io.chatbridge.importer.ChatImporter;
import io.chatbridge.importer.ImportProgress;
import io.chatbridge.importer.ImportRequest;
import io.chatbridge.importer.ImportSummary;
import io.chatbridge.record.RecordService;
import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shipped mappings talking back: a booking confirmed from outside the chat sends the customer a
 * confirmation with the record's fields (text in the window, the template outside it), and an
 * incomplete booking gets one follow-up question per missing field.
 */
class ConfirmationsAndFollowUpsIT {

    // Wednesday 25 November 2026, 10:00 in London
    private static final Instant OPEN = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    static Path dataDir;

    static FakeGraphApi graph;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        TestClock.INSTANCE.set(OPEN); // inside working hours, so no closed-hours reply joins in
        graph = new FakeGraphApi();
        app = TestApplication.startWithClock(dataDir, List.of(), graph.properties());
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
        TestClock.INSTANCE.reset();
    }

    @BeforeEach
    void clean() {
        graph.reset();
    }

    @Test
    void aBookingConfirmedByAnAdminSendsTheCustomerATextWithItsDetails() {
        String customer = "447700900701";
        String id = completeBooking(
                customer,
                "wamid.c1",
                TestClock.INSTANCE.instant(),
                "Hi, I'd like to book a table for 8 people on 14 December at 8pm, name is Ana Lima");

        app.getBean(RecordService.class).applyChange(id, "admin", Map.of("status", "confirmed"), "test");

        FakeGraphApi.Request sent = awaitSentTo(customer);
        assertThat(sent.type()).isEqualTo("text");
        assertThat(sent.text()).isEqualTo("Your booking " + id + " for 14 Dec, 8 guests, is confirmed. See you then!");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql(
                                        "select count(*) from message where direction = 'out' and sender = 'confirmation' and conversation_id = ?")
                                .param(Webhooks.PHONE_NUMBER_ID + ":" + customer)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    @Test
    void aSpanishSpeakingCustomerIsConfirmedInSpanish() {
        String customer = "34600900702";
        String id = completeBooking(
                customer,
                "wamid.c2",
                TestClock.INSTANCE.instant(),
                "Hola, quiero reservar una mesa para 4 personas el 14 de diciembre a las 21h, a nombre de Lucia Gomez");

        app.getBean(RecordService.class).applyChange(id, "admin", Map.of("status", "confirmed"), "test");

        assertThat(awaitSentTo(customer).text())
                .isEqualTo("Tu reserva " + id + " para el 14 dic, 4 personas, está confirmada. ¡Te esperamos!");
    }

    @Test
    void outsideTheWindowTheConfirmationGoesOutAsTheMappedTemplate() {
        String customer = "447700900703";
        String id = completeBooking(
                customer,
                "wamid.c3",
                TestClock.INSTANCE.instant().minus(Duration.ofDays(2)),
                "Hello, I want to book a table for 6 people on 20 December at 7pm, name is Joe Bloggs");

        app.getBean(RecordService.class).applyChange(id, "admin", Map.of("status", "confirmed"), "test");

        FakeGraphApi.Request sent = awaitSentTo(customer);
        assertThat(sent.type()).isEqualTo("template");
        assertThat(sent.templateName()).isEqualTo("booking_confirmed");
        assertThat(sent.templateParameters()).containsExactly(id, "20 Dec", "6");
    }

    @Test
    void whenWhatsAppSaysTheWindowClosedTheConfirmationFallsBackToTheTemplate() {
        String customer = "447700900704";
        String id = completeBooking(
                customer,
                "wamid.c4",
                TestClock.INSTANCE.instant(),
                "Hi, I'd like to book a table for 2 people on 15 December at 8pm, name is Sam Cole");
        graph.closeWindowFor("+" + customer);

        app.getBean(RecordService.class).applyChange(id, "admin", Map.of("status", "confirmed"), "test");

        FakeGraphApi.Request sent = awaitSentTo(customer);
        assertThat(sent.type()).isEqualTo("template");
        assertThat(graph.requests().stream()
                        .filter(r -> r.to().equals("+" + customer))
                        .map(FakeGraphApi.Request::type))
                .containsExactly("text", "template");
    }

    @Test
    void aStatusThatIsNotConfirmedSendsNothingAndTheSameVersionIsNeverSentTwice() {
        String customer = "447700900705";
        String id = completeBooking(
                customer,
                "wamid.c5",
                TestClock.INSTANCE.instant(),
                "Hi, I'd like to book a table for 3 people on 16 December at 8pm, name is Kim Lee");
        RecordService records = app.getBean(RecordService.class);

        records.applyChange(id, "admin", Map.of("status", "pending_deposit"), "test");
        records.applyChange(id, "admin", Map.of("status", "confirmed"), "test");
        records.applyChange(id, "admin", Map.of("status", "confirmed"), "test"); // no change, no message

        awaitSentTo(customer);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> graph.acceptedTo("+" + customer).size() == 1);
    }

    @Test
    void anIncompleteBookingGetsOneQuestionForTheMissingFieldAfterAPause() {
        String customer = "447700900706";
        post("wamid.f1", customer, TestClock.INSTANCE.instant(), "Hi, I'd like to book a table on 18 December at 8pm");
        String id = awaitRecord(customer, false);
        String key = "followup:" + id + ":guests";
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox().findByKey(key).isPresent());
        assertThat(outbox().findByKey(key).orElseThrow().state()).isEqualTo("pending");

        TestClock.INSTANCE.advance(Duration.ofMinutes(3));
        assertThat(awaitSentTo(customer).text()).isEqualTo("How many guests?");

        post("wamid.f2", customer, TestClock.INSTANCE.instant(), "we are 5 people");
        awaitRecord(customer, true);
        TestClock.INSTANCE.advance(Duration.ofMinutes(3));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> graph.acceptedTo("+" + customer).size() == 1);
        assertThat(outbox().list(null, "followup", 100))
                .filteredOn(m -> m.recipient().equals("+" + customer))
                .hasSize(1);
    }

    @Test
    void anIncompleteBookingFromAMessageOlderThanADayGetsNoQuestion() {
        // imported history or a backlog: the customer said it days ago, and free text could not reach
        // them outside WhatsApp's 24-hour window anyway
        String customer = "447700900708";
        post(
                "wamid.h1",
                customer,
                TestClock.INSTANCE.instant().minus(Duration.ofDays(3)),
                "Hi, I'd like to book a table on 20 December at 8pm");
        String id = awaitRecord(customer, false);
        post("wamid.h2", customer, TestClock.INSTANCE.instant(), "Hi, I'd like to book a table on 21 December at 8pm");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from record where type = 'booking' and customer_phone = ?")
                                .param("+" + customer)
                                .query(Long.class)
                                .single()
                        == 2);
        String recent = jdbc.sql(
                        "select human_id from record where type = 'booking' and customer_phone = ? and human_id <> ?")
                .params("+" + customer, id)
                .query(String.class)
                .single();

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox().findByKey("followup:" + recent + ":guests")
                .isPresent());
        assertThat(outbox().findByKey("followup:" + id + ":guests")).isEmpty();
    }

    /**
     * A customer who writes through the webhook today, and whose older chat the business then imports: the
     * import's records are history, whatever the conversation's newest message. A change read from
     * imported history carried the conversation's newest time, so an incomplete booking from days ago was
     * asked about as if the customer had just written it.
     */
    @Test
    void anIncompleteBookingInImportedHistoryGetsNoQuestionEvenWhenTheCustomerWroteToday() throws IOException {
        String customer = "447700900709";
        post("wamid.i1", customer, TestClock.INSTANCE.instant(), "Hello!");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from message where external_id = 'wamid.i1' and extracted")
                                .query(Long.class)
                                .single()
                        == 1);
        Path export = exportFromThreeDaysAgo("+44 7700 900709", "Hi, I'd like to book a table on 22 December at 8pm");

        ImportSummary summary = importAsTheWebhooksBusiness(export);

        assertThat(summary.recordsByType()).containsEntry("booking", 1L);
        String id = jdbc.sql("select human_id from record where type = 'booking' and customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .single();
        assertThat(outbox().findByKey("followup:" + id + ":guests")).isEmpty();
        assertThat(outbox().list(null, "followup", 100))
                .noneMatch(m -> m.recipient().equals("+" + customer));
    }

    /**
     * A customer who writes through the webhook while the business imports their older chat: the live pass
     * leaves a conversation the import names to the import, whose pass read the new message as history, so
     * the question about the booking the customer had just asked for never went. The import's pass now
     * reads up to that message and hands the conversation to the live pass.
     */
    @Test
    void aBookingAskedForThroughTheWebhookWhileTheChatIsImportedGetsItsQuestion() throws IOException {
        String customer = "447700900710";
        String conversation = Webhooks.PHONE_NUMBER_ID + ":" + customer;
        Path export = exportFromThreeDaysAgo("+44 7700 900710", "Thanks for a lovely evening!");
        ImportSummary summary;
        try (ConversationExtraction.Hold importing =
                app.getBean(ConversationExtraction.class).holdExports()) {
            // an import runs, and its file has named the conversation
            jdbc.sql("insert into conversation (id, channel, phone_number_id, customer_wa_id, import_pending) "
                            + "values (?, 'export', ?, ?, true)")
                    .params(conversation, Webhooks.PHONE_NUMBER_ID, customer)
                    .update();
            post(
                    "wamid.j1",
                    customer,
                    TestClock.INSTANCE.instant(),
                    "Hi, I'd like to book a table on 23 December at 8pm");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("select count(*) from message where external_id = 'wamid.j1'")
                                    .query(Long.class)
                                    .single()
                            == 1);
            summary = importAsTheWebhooksBusiness(export);
        }

        assertThat(summary.newMessages()).isEqualTo(1);
        String id = awaitRecord(customer, false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox().findByKey("followup:" + id + ":guests").isPresent());
    }

    @Test
    void aQuestionWhoseAnswerArrivesBeforeItIsSentIsSkipped() {
        String customer = "447700900707";
        post("wamid.g1", customer, TestClock.INSTANCE.instant(), "Hi, I'd like to book a table on 19 December at 8pm");
        String id = awaitRecord(customer, false);
        String key = "followup:" + id + ":guests";
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox().findByKey(key).isPresent());

        post("wamid.g2", customer, TestClock.INSTANCE.instant(), "for 4 people");
        awaitRecord(customer, true);
        TestClock.INSTANCE.advance(Duration.ofMinutes(3));

        await().atMost(Duration.ofSeconds(20)).until(() -> "skipped"
                .equals(outbox().findByKey(key).map(OutboundMessage::state).orElse("")));
        assertThat(graph.acceptedTo("+" + customer)).isEmpty();
    }

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** A one-to-one export with one message of the customer, sent three days ago. */
    private static Path exportFromThreeDaysAgo(String customer, String text) throws IOException {
        Path export = dataDir.resolve("WhatsApp Chat with " + customer + ".txt");
        Files.writeString(
                export,
                LocalDateTime.ofInstant(TestClock.INSTANCE.instant().minus(Duration.ofDays(3)), LONDON)
                                .format(DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm"))
                        + " - " + customer + ": " + text + "\n");
        return export;
    }

    /** The business number's digits are the webhook's phone_number_id: the same conversations. */
    private static ImportSummary importAsTheWebhooksBusiness(Path export) throws IOException {
        return app.getBean(ChatImporter.class)
                .run(
                        new ImportRequest(
                                export, "+106540352242922", "Bella Pizza", null, Locale.UK, LONDON, null, false),
                        new ImportProgress());
    }

    private static WhatsAppOutbox outbox() {
        return app.getBean(WhatsAppOutbox.class);
    }

    private static String completeBooking(String customer, String wamid, Instant at, String text) {
        post(wamid, customer, at, text);
        return awaitRecord(customer, true);
    }

    private static String awaitRecord(String customer, boolean complete) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "select count(*) from record where type = 'booking' and complete = ? and customer_phone = ?")
                                .params(complete, "+" + customer)
                                .query(Long.class)
                                .single()
                        == 1);
        return jdbc.sql("select human_id from record where type = 'booking' and customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .single();
    }

    private static void post(String wamid, String customer, Instant at, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, customer, "Ana", at.getEpochSecond(), text))
                        .statusCode())
                .isEqualTo(200);
    }

    private static FakeGraphApi.Request awaitSentTo(String customer) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !graph.acceptedTo("+" + customer).isEmpty());
        return graph.acceptedTo("+" + customer).get(0);
    }
}
