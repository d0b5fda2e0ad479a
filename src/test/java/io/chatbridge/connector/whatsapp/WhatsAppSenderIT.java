package io.chatbridge.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.Stored;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sender against a fake Graph API: text inside the 24-hour window, a template outside it, the
 * template fallback on 131047, backoff on rate limits, the dead state, and webhook statuses.
 */
class WhatsAppSenderIT {

    private static final TemplateMessage TEMPLATE =
            new TemplateMessage("booking_confirmed", "en", List.of("BK-0001", "14 Dec"));

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
    void insideTheWindowATextGoesOutAndBecomesAnOutboundMessage() {
        String customer = "447700900601";
        customerWrites(customer, "wamid.w1", TestClock.INSTANCE.instant(), "hello there");

        enqueue("test:text", customer, "Your booking BK-0001 is confirmed", TEMPLATE);

        FakeGraphApi.Request sent = awaitOne(customer);
        assertThat(sent.path()).isEqualTo("/v23.0/" + Webhooks.PHONE_NUMBER_ID + "/messages");
        assertThat(sent.authorization()).isEqualTo("Bearer " + FakeGraphApi.TOKEN);
        assertThat(sent.body().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(sent.type()).isEqualTo("text");
        assertThat(sent.text()).isEqualTo("Your booking BK-0001 is confirmed");
        assertThat(sent.body().path("biz_opaque_callback_data").asText()).isEqualTo("test:text");
        OutboundMessage message = awaitState("test:text", "accepted");
        assertThat(message.sentAs()).isEqualTo("text");
        assertThat(jdbc.sql("select direction || '/' || sender || '/' || text from message where external_id = ?")
                        .param(message.wamid())
                        .query(String.class)
                        .single())
                .isEqualTo("out/confirmation/Your booking BK-0001 is confirmed");
    }

    @Test
    void outsideTheWindowTheTemplateGoesOut() {
        String customer = "447700900602";
        customerWrites(customer, "wamid.w2", TestClock.INSTANCE.instant().minus(Duration.ofHours(30)), "hello");

        enqueue("test:template", customer, "Your booking BK-0001 is confirmed", TEMPLATE);

        FakeGraphApi.Request sent = awaitOne(customer);
        assertThat(sent.type()).isEqualTo("template");
        assertThat(sent.templateName()).isEqualTo("booking_confirmed");
        assertThat(sent.body().path("template").path("language").path("code").asText())
                .isEqualTo("en");
        assertThat(sent.templateParameters()).containsExactly("BK-0001", "14 Dec");
        assertThat(awaitState("test:template", "accepted").sentAs()).isEqualTo("template");
    }

    @Test
    void whenWhatsAppSaysTheWindowClosedTheTemplateIsSentInstead() {
        String customer = "447700900603";
        customerWrites(customer, "wamid.w3", TestClock.INSTANCE.instant(), "hello");
        graph.closeWindowFor("+" + customer);

        enqueue("test:131047", customer, "Your booking BK-0001 is confirmed", TEMPLATE);

        FakeGraphApi.Request sent = awaitOne(customer);
        assertThat(sent.type()).isEqualTo("template");
        assertThat(graph.requests()).extracting(FakeGraphApi.Request::type).containsExactly("text", "template");
        assertThat(awaitState("test:131047", "accepted").sentAs()).isEqualTo("template");
    }

    @Test
    void aThroughputErrorBacksOffAndTheMessageGoesOutOnce() {
        String customer = "447700900604";
        customerWrites(customer, "wamid.w4", TestClock.INSTANCE.instant(), "hello");
        graph.refuseNext(
                400, 130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.", b -> true);
        graph.refuseNext(
                429, 130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.", b -> true);

        enqueue("test:130429", customer, "Hello again", null);

        awaitOne(customer);
        OutboundMessage message = awaitState("test:130429", "accepted");
        assertThat(message.attempts()).isEqualTo(3);
        assertThat(graph.requests()).hasSize(3);
        assertThat(graph.acceptedTo("+" + customer)).hasSize(1);
    }

    @Test
    void anErrorNoRetryCanFixGoesToTheDeadStateForAnAdmin() {
        String customer = "447700900605";
        customerWrites(customer, "wamid.w5", TestClock.INSTANCE.instant(), "hello");
        graph.refuseNext(400, 100, "(#100) Invalid parameter", "Parameter value is not valid", b -> true);

        enqueue("test:dead", customer, "Hello", null);

        OutboundMessage message = awaitState("test:dead", "dead");
        assertThat(message.errorCode()).isEqualTo(100);
        assertThat(message.lastError()).contains("Invalid parameter");
        assertThat(graph.requests()).hasSize(1);
        assertThat(outbox().list("dead", null, 10))
                .extracting(OutboundMessage::idempotencyKey)
                .contains("test:dead");
    }

    @Test
    void outsideTheWindowWithoutATemplateNothingIsSentAndTheMessageIsDead() {
        String customer = "447700900606";
        customerWrites(customer, "wamid.w6", TestClock.INSTANCE.instant().minus(Duration.ofDays(2)), "hello");

        enqueue("test:no-template", customer, "Hello", null);

        assertThat(awaitState("test:no-template", "dead").lastError()).contains("24-hour window");
        assertThat(graph.requests()).isEmpty();
    }

    @Test
    void webhookStatusesMoveTheOutboundMessageAlong() {
        String customer = "447700900607";
        customerWrites(customer, "wamid.w7", TestClock.INSTANCE.instant(), "hello");
        enqueue("test:status", customer, "Hello", null);
        String wamid = awaitState("test:status", "accepted").wamid();

        webhooks.post(status(wamid, customer, "delivered", null));
        awaitState("test:status", "delivered");
        webhooks.post(status(wamid, customer, "read", null));
        awaitState("test:status", "read");
        webhooks.post(status(wamid, customer, "delivered", null)); // late and out of order: ignored
        webhooks.post(
                status(
                        wamid,
                        customer,
                        "failed",
                        "[{\"code\":131026,\"title\":\"Message undeliverable\",\"error_data\":{\"details\":\"Receiver is incapable\"}}]"));
        OutboundMessage failed = awaitState("test:status", "failed");
        assertThat(failed.errorCode()).isEqualTo(131026);
        assertThat(jdbc.sql("select delivery_state from message where external_id = ?")
                        .param(wamid)
                        .query(String.class)
                        .single())
                .isEqualTo("failed");
    }

    private static WhatsAppOutbox outbox() {
        return app.getBean(WhatsAppOutbox.class);
    }

    // ---- a sender killed between WhatsApp's answer and recording it (the crash drill found these)

    @Test
    void aMessageSentJustBeforeACrashWhoseEchoWasReadIsNotSentAgain() {
        String customer = "447700900611";
        customerWrites(customer, "wamid.c1", TestClock.INSTANCE.instant(), "hello");
        enqueueAsCrashedMidCall("test:crash-echo", customer);

        assertThat(webhooks.post(status("wamid.before-crash-1", customer, "sent", null, "test:crash-echo"))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> echoes("test:crash-echo") == 1);
        TestClock.INSTANCE.advance(Duration.ofMinutes(2).plusSeconds(1)); // the dead sender's lease is over

        OutboundMessage message = awaitState("test:crash-echo", "sent"); // the state its echo reported
        assertThat(message.wamid()).isEqualTo("wamid.before-crash-1");
        assertThat(graph.acceptedTo("+" + customer)).isEmpty();
    }

    @Test
    void anEchoStillUnreadInTheInboxWhenTheLeaseEndsIsWaitedForInsteadOfSendingTwice() throws Exception {
        String customer = "447700900612";
        customerWrites(customer, "wamid.c2", TestClock.INSTANCE.instant(), "hello");
        enqueueAsCrashedMidCall("test:crash-backlog", customer);
        CamelContext camel = app.getBean(CamelContext.class);
        camel.getRouteController().stopRoute("normalise-inbox");
        try {
            // WhatsApp's status arrives (Meta retried it while we were down) but sits unread behind a backlog
            assertThat(webhooks.post(status("wamid.before-crash-2", customer, "sent", null, "test:crash-backlog"))
                            .statusCode())
                    .isEqualTo(200);

            TestClock.INSTANCE.advance(Duration.ofMinutes(2).plusSeconds(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> uncertainSince("test:crash-backlog") != null);
            TestClock.INSTANCE.advance(Duration.ofMinutes(1).plusSeconds(1)); // the status wait is over ...
            Instant checked = TestClock.INSTANCE.instant();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> nextAttemptAfter("test:crash-backlog", checked));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(
                        "not put back to wait at " + checked + ": " + describe("test:crash-backlog"), e);
            }
            assertThat(graph.acceptedTo("+" + customer))
                    .as("... but a webhook is still unread")
                    .isEmpty();
        } finally {
            camel.getRouteController().startRoute("normalise-inbox");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> echoes("test:crash-backlog") == 1);
        TestClock.INSTANCE.advance(Duration.ofSeconds(6));

        OutboundMessage message = awaitState("test:crash-backlog", "sent");
        assertThat(message.wamid()).isEqualTo("wamid.before-crash-2");
        assertThat(graph.acceptedTo("+" + customer)).isEmpty();
    }

    @Test
    void aMessageWhoseSenderCrashedWithNoEchoIsSentOnceAfterTheStatusWait() {
        String customer = "447700900613";
        customerWrites(customer, "wamid.c3", TestClock.INSTANCE.instant(), "hello");
        enqueueAsCrashedMidCall("test:crash-lost", customer);

        TestClock.INSTANCE.advance(Duration.ofMinutes(2).plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> uncertainSince("test:crash-lost") != null);
        assertThat(graph.acceptedTo("+" + customer)).isEmpty();
        TestClock.INSTANCE.advance(Duration.ofMinutes(1).plusSeconds(1));

        awaitOne(customer);
        assertThat(awaitState("test:crash-lost", "accepted").wamid()).startsWith("wamid.FAKE");
        assertThat(graph.acceptedTo("+" + customer)).hasSize(1);
    }

    @Test
    void webhooksArrivingAfterTheStatusWaitDoNotKeepACrashedMessageWaiting() throws Exception {
        String customer = "447700900614";
        customerWrites(customer, "wamid.c4", TestClock.INSTANCE.instant(), "hello");
        enqueueAsCrashedMidCall("test:crash-traffic", customer);
        CamelContext camel = app.getBean(CamelContext.class);
        TestClock.INSTANCE.advance(Duration.ofMinutes(2).plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> uncertainSince("test:crash-traffic") != null);

        // a webhook unread when the status wait ends is waited for ...
        camel.getRouteController().stopRoute("normalise-inbox");
        try {
            assertThat(webhooks.post(Webhooks.textMessage("wamid.c4-before", "447700900699", "Bo", nowSeconds(), "hi"))
                            .statusCode())
                    .isEqualTo(200);
            TestClock.INSTANCE.advance(Duration.ofMinutes(1).plusSeconds(1));
            Instant checked = TestClock.INSTANCE.instant();
            await().atMost(Duration.ofSeconds(60)).until(() -> nextAttemptAfter("test:crash-traffic", checked));
            assertThat(graph.acceptedTo("+" + customer)).isEmpty();
        } finally {
            camel.getRouteController().startRoute("normalise-inbox");
        }
        Stored.awaitMessage(jdbc, "wamid.c4-before");

        // ... but traffic that arrives after it, read or not, is not: the next check sends it, once
        camel.getRouteController().stopRoute("normalise-inbox");
        try {
            assertThat(webhooks.post(Webhooks.textMessage(
                                    "wamid.c4-after", "447700900699", "Bo", nowSeconds(), "still there?"))
                            .statusCode())
                    .isEqualTo(200);
            TestClock.INSTANCE.advance(Duration.ofSeconds(6));

            awaitOne(customer);
        } finally {
            camel.getRouteController().startRoute("normalise-inbox");
        }
        assertThat(awaitState("test:crash-traffic", "accepted").wamid()).startsWith("wamid.FAKE");
        assertThat(graph.acceptedTo("+" + customer)).hasSize(1);
    }

    private static long nowSeconds() {
        return TestClock.INSTANCE.instant().getEpochSecond();
    }

    /** Queued and claimed by a sender that then died: in flight under a lease nobody will end. */
    private static void enqueueAsCrashedMidCall(String key, String customer) {
        app.getBean(TransactionTemplate.class).executeWithoutResult(s -> {
            assertThat(outbox().enqueue(new OutboundRequest(
                            key,
                            "confirmation",
                            Webhooks.PHONE_NUMBER_ID,
                            "+" + customer,
                            Webhooks.PHONE_NUMBER_ID + ":" + customer,
                            null,
                            null,
                            "en",
                            "Your booking BK-0001 is confirmed",
                            TEMPLATE,
                            null)))
                    .isTrue();
            jdbc.sql(
                            """
                            update outbound_message set state = 'in_flight', claimed_by = 'a-sender-that-died',
                                lease_until = ? where idempotency_key = ?""")
                    .params(java.sql.Timestamp.from(TestClock.INSTANCE.instant().plus(Duration.ofMinutes(2))), key)
                    .update();
        });
    }

    private static String describe(String key) {
        return jdbc.sql(
                        """
                        select state || ', next attempt ' || next_attempt_at || ', updated ' || updated_at
                            || ', uncertain since ' || coalesce(uncertain_since::text, '-')
                            || ', unread webhooks ' || (select count(*) from inbox where state = 'received')
                        from outbound_message where idempotency_key = ?""")
                .param(key)
                .query(String.class)
                .single();
    }

    private static long echoes(String key) {
        return jdbc.sql("select count(*) from message_status where payload ->> 'biz_opaque_callback_data' = ?")
                .param(key)
                .query(Long.class)
                .single();
    }

    private static Instant uncertainSince(String key) {
        return jdbc.sql("select uncertain_since from outbound_message where idempotency_key = ?")
                .param(key)
                .query(java.sql.Timestamp.class)
                .optional()
                .map(java.sql.Timestamp::toInstant)
                .orElse(null);
    }

    /** Put back to wait again (pending, due after {@code now}), having been looked at after {@code now}. */
    private static boolean nextAttemptAfter(String key, Instant now) {
        return jdbc.sql(
                                """
                        select count(*) from outbound_message where idempotency_key = ? and state = 'pending'
                            and next_attempt_at > ? and updated_at >= ?""")
                        .params(key, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now))
                        .query(Long.class)
                        .single()
                == 1;
    }

    static byte[] status(String wamid, String customer, String status, String errors, String callbackData) {
        String json = new String(status(wamid, customer, status, errors), StandardCharsets.UTF_8);
        return json.replace(
                        "\"recipient_id\":\"" + customer + "\"",
                        "\"recipient_id\":\"" + customer + "\",\"biz_opaque_callback_data\":\"" + callbackData + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void enqueue(String key, String customer, String body, TemplateMessage template) {
        app.getBean(TransactionTemplate.class)
                .executeWithoutResult(s -> assertThat(outbox().enqueue(new OutboundRequest(
                                key,
                                "confirmation",
                                Webhooks.PHONE_NUMBER_ID,
                                "+" + customer,
                                Webhooks.PHONE_NUMBER_ID + ":" + customer,
                                null,
                                null,
                                "en",
                                body,
                                template,
                                null)))
                        .isTrue());
        app.getBean(TransactionTemplate.class)
                .executeWithoutResult(s -> assertThat(outbox().enqueue(new OutboundRequest(
                                key,
                                "confirmation",
                                Webhooks.PHONE_NUMBER_ID,
                                "+" + customer,
                                null,
                                null,
                                null,
                                "en",
                                body,
                                template,
                                null)))
                        .as("the same key twice is one message")
                        .isFalse());
    }

    private static void customerWrites(String customer, String wamid, Instant at, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, customer, "Ana", at.getEpochSecond(), text))
                        .statusCode())
                .isEqualTo(200);
        Stored.awaitMessage(jdbc, wamid);
    }

    private static FakeGraphApi.Request awaitOne(String customer) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> graph.acceptedTo("+" + customer).size() == 1);
        return graph.acceptedTo("+" + customer).get(0);
    }

    private static OutboundMessage awaitState(String key, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox().findByKey(key)
                .map(OutboundMessage::state)
                .filter(state::equals)
                .isPresent());
        return outbox().findByKey(key).orElseThrow();
    }

    static byte[] status(String wamid, String customer, String status, String errors) {
        String json =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]},
                "field":"messages"}]}]}"""
                        .formatted(
                                Webhooks.PHONE_NUMBER_ID,
                                wamid,
                                status,
                                Instant.now().getEpochSecond(),
                                customer,
                                errors == null ? "" : ",\"errors\":" + errors);
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
