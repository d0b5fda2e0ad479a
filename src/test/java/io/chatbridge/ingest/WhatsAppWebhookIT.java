package io.chatbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The webhook edge over a real socket against embedded PostgreSQL, as Meta would call it. */
class WhatsAppWebhookIT {

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
    void handshakeEchoesTheChallengeOnlyForTheRightToken() {
        HttpResponse<String> ok = webhooks.get(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + Webhooks.VERIFY_TOKEN
                        + "&hub.challenge=1158201444",
                null,
                null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");

        HttpResponse<String> wrong =
                webhooks.get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", null, null);
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongMode = webhooks.get(
                "/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=" + Webhooks.VERIFY_TOKEN
                        + "&hub.challenge=1",
                null,
                null);
        assertThat(wrongMode.statusCode()).isEqualTo(403);
    }

    @Test
    void metaSampleWithItsRecordedSignatureIsStoredOnceEvenWhenRetried() throws IOException {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/text_message.json"));
        String signature = "sha256=ef4ef20d4b66167423d096648e2a729967cdcfcbf62bb70fa769ddc5bc4aa86b";

        assertThat(webhooks.post(body, signature, "application/json").statusCode())
                .isEqualTo(200);
        assertThat(webhooks.post(body, signature, "application/json").statusCode())
                .isEqualTo(200);

        String wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
        assertThat(count("select count(*) from inbox_item where external_id = ?", wamid))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from message where external_id = ?", wamid) == 1);
        HttpResponse<String> stored = webhooks.get("/api/inbox/" + wamid, "admin", "test-admin-password");
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("Does it come in another color?").contains("\"state\":\"normalised\"");
    }

    @Test
    void aSameMessageInADifferentlyBatchedRetryIsNormalisedOnce() {
        byte[] first = Webhooks.textMessage("wamid.rebatch", "447700900001", "Zoe", 1_760_000_000, "hello");
        byte[] batchedDifferently = new String(first)
                .replace("\"field\":\"messages\"", "\"field\":\"messages\",\"x\":1")
                .getBytes();
        assertThat(webhooks.post(first).statusCode()).isEqualTo(200);
        assertThat(webhooks.post(batchedDifferently).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        count("select count(*) from inbox where state = 'normalised' and raw = ?", batchedDifferently)
                                == 1);
        assertThat(count("select count(*) from message where external_id = ?", "wamid.rebatch"))
                .isEqualTo(1);
    }

    @Test
    void tamperedBodyIsRefusedAndNothingIsStored() {
        byte[] body = Webhooks.textMessage("wamid.tampered", "447700900002", "Eve", 1_760_000_000, "book a table");
        String signature = new SignatureVerifier(Webhooks.APP_SECRET).sign(body);
        byte[] tampered =
                new String(body).replace("book a table", "book two tables").getBytes();

        assertThat(webhooks.post(tampered, signature, "application/json").statusCode())
                .isEqualTo(401);
        assertThat(webhooks.post(body, null, "application/json").statusCode()).isEqualTo(401);
        assertThat(webhooks.post(body, "sha256=zz", "application/json").statusCode())
                .isEqualTo(401);
        assertThat(count("select count(*) from inbox where convert_from(raw, 'UTF8') like ?", "%wamid.tampered%"))
                .isZero();
    }

    @Test
    void oversizedBodyGets413AndWrongContentType415() {
        byte[] huge = new byte[3 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(webhooks.post(huge).statusCode()).isEqualTo(413);
        byte[] body = Webhooks.textMessage("wamid.form", "447700900003", "Al", 1_760_000_000, "hi");
        assertThat(webhooks.post(body, new SignatureVerifier(Webhooks.APP_SECRET).sign(body), "text/plain")
                        .statusCode())
                .isEqualTo(415);
        assertThat(webhooks.post(body, new SignatureVerifier(Webhooks.APP_SECRET).sign(body), null)
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void signedBrokenJsonIsQuarantinedWith400() {
        byte[] broken = "{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes();
        long before = count("select count(*) from quarantine");
        assertThat(webhooks.post(broken).statusCode()).isEqualTo(400);
        assertThat(count("select count(*) from quarantine")).isEqualTo(before + 1);
        assertThat(webhooks.post("[1,2]".getBytes()).statusCode()).isEqualTo(400);
    }

    @Test
    void unicodeEscapesOddWhitespaceAndEmojiVerifyOverTheRawBytes() {
        String body =
                "{ \"object\" :\"whatsapp_business_account\",\n\t\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{"
                        + "\"metadata\":{\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"Jos\\u00e9 \uD83C\uDF82\"},\"wa_id\":\"34600000001\"}],"
                        + "\"messages\":[{\"from\":\"34600000001\",\"id\":\"wamid.unicode\",\"timestamp\":\"1760000000\",\"type\":\"text\",\"text\":{\"body\":\"caf\\u00e9 \uD83D\uDE00   \"}}]}}]}]}   ";
        assertThat(webhooks.post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from message where external_id = ?", "wamid.unicode") == 1);
        String text = jdbc.sql("select text from message where external_id = 'wamid.unicode'")
                .query(String.class)
                .single();
        assertThat(text).startsWith("café \uD83D\uDE00");
    }

    @Test
    void everyMessageTypeAndStatusAndErrorIsStoredWithoutBreakingTheBatch() throws IOException {
        byte[] all = Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/all_message_types.json"));
        byte[] failed = Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/status_failed.json"));
        byte[] error =
                Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp/value_level_error_130429.json"));
        assertThat(webhooks.post(all).statusCode()).isEqualTo(200);
        assertThat(webhooks.post(failed).statusCode()).isEqualTo(200);
        assertThat(webhooks.post(error).statusCode()).isEqualTo(200);

        // three payloads, three inbox rows: they may be normalised in different batches
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        count("select count(*) from message where conversation_id = ?", "106540352242922:5511912345678")
                                        == 16
                                && count("select count(*) from message_status where status = 'failed'") == 1
                                && count("select count(*) from webhook_error where code = 130429") == 1);
        assertThat(jdbc.sql("select text from message where external_id = 'wamid.list_reply1'")
                        .query(String.class)
                        .single())
                .isEqualTo("Saturday 7pm\nMain room");
        assertThat(jdbc.sql("select customer_name from conversation where id = '106540352242922:5511912345678'")
                        .query(String.class)
                        .single())
                .startsWith("Ana Souza");
    }

    @Test
    void fiftyConcurrentPostsAreEachStoredExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                byte[] body = Webhooks.textMessage(
                        "wamid.concurrent" + i, "4477009001" + (i % 10), "C" + i, 1_760_000_000 + i, "msg " + i);
                calls.add(
                        CompletableFuture.supplyAsync(() -> webhooks.post(body).statusCode(), pool));
                calls.add(
                        CompletableFuture.supplyAsync(() -> webhooks.post(body).statusCode(), pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count("select count(*) from inbox_item where external_id like 'wamid.concurrent%'"))
                .isEqualTo(50);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count("select count(*) from message where external_id like 'wamid.concurrent%'") == 50);
    }

    @Test
    void aMessageBecomesARecordAndADeliveryVisibleInTheApiAndTheLogSink() throws IOException {
        byte[] body = Webhooks.textMessage(
                "wamid.book1", "447700900123", "Ana", 1_760_000_100, "I want to book a table for 8");
        assertThat(webhooks.post(body).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                "select count(*) from delivery d join record r on r.id = d.record_id where r.anchor_message_id = ? and d.sink = 'log' and d.state = 'done'",
                                "wamid.book1")
                        == 1);
        String humanId = jdbc.sql("select human_id from record where anchor_message_id = 'wamid.book1'")
                .query(String.class)
                .single();
        assertThat(humanId).matches("NT-\\d{4}");

        HttpResponse<String> record = webhooks.get("/api/records/" + humanId, "admin", "test-admin-password");
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.body())
                .contains("I want to book a table for 8")
                .contains("\"origin\":\"chat\"")
                .contains("\"sink\":\"log\"");
        assertThat(webhooks.get("/api/records?type=note&phone=%2B447700900123", "admin", "test-admin-password")
                        .body())
                .contains(humanId);
        assertThat(webhooks.get(
                                "/api/conversations/106540352242922:447700900123/messages",
                                "admin",
                                "test-admin-password")
                        .body())
                .contains("wamid.book1");
        assertThat(Files.readString(dataDir.resolve("deliveries.jsonl"))).contains("\"id\":\"" + humanId + "\"");
    }

    @Test
    void aConversationThatBreaksTheExtractorIsParkedAndDoesNotHoldUpOthers() {
        webhooks.post(Webhooks.textMessage("wamid.explode", "447700900901", "X", 1_760_000_000, "book explode"));
        webhooks.post(Webhooks.textMessage("wamid.fine", "447700900902", "Y", 1_760_000_000, "book fine"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from record where anchor_message_id = 'wamid.fine'") == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "select count(*) from conversation where id = '106540352242922:447700900901' and not pending_extraction")
                        == 1);
        assertThat(count("select count(*) from message where external_id = 'wamid.explode' and not extracted"))
                .isEqualTo(1);
        assertThat(count("select count(*) from record where anchor_message_id = 'wamid.explode'"))
                .isZero();
    }

    /**
     * A StackOverflowError is a property of the input, like an exception: only RuntimeException was
     * caught, so the error failed the whole batch at every poll and no conversation of it was extracted.
     */
    @Test
    void aConversationThatOverflowsTheStackIsParkedAndDoesNotHoldUpOthers() {
        webhooks.post(Webhooks.textMessage("wamid.recurse", "447700900903", "X", 1_760_000_000, "book recurse"));
        webhooks.post(Webhooks.textMessage("wamid.fine2", "447700900904", "Y", 1_760_000_000, "book fine"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from record where anchor_message_id = 'wamid.fine2'") == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count(
                                "select count(*) from conversation where id = '106540352242922:447700900903' and not pending_extraction")
                        == 1);
        assertThat(count("select count(*) from message where external_id = 'wamid.recurse' and not extracted"))
                .isEqualTo(1);
        assertThat(count("select count(*) from record where anchor_message_id = 'wamid.recurse'"))
                .isZero();
    }

    @Test
    void theApiNeedsTheAdminsCredentialsButHealthIsPublic() {
        assertThat(webhooks.get("/api/records", null, null).statusCode()).isEqualTo(401);
        assertThat(webhooks.get("/api/records", "admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(webhooks.get("/api/deliveries?state=dead", "admin", "test-admin-password")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> health = webhooks.get("/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP").doesNotContain("components");
        assertThat(webhooks.get("/actuator/prometheus", null, null).statusCode())
                .isEqualTo(401);
        assertThat(webhooks.get("/actuator/prometheus", "admin", "test-admin-password")
                        .body())
                .contains("chatbridge_webhooks_received_total")
                .contains("chatbridge_webhooks_rejected_total");
    }

    private static long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
