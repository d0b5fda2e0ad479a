package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * {@code DELETE /api/imports/{id}} over real HTTP: a running import stops at its next message and reads
 * {@code cancelled} with what it stored, which stays (the same file uploaded again adds only the rest); a
 * queued one never starts; an ended or unknown one is refused. There was no way to stop an API import
 * short of stopping the server.
 */
class ImportJobsCancelIT {

    private static final Pattern STORED = Pattern.compile("^cancelled: ([\\d,]+) new messages were stored");

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    static ConfigurableApplicationContext server;
    static JdbcClient jdbc;
    static RestClient api;

    @BeforeAll
    static void start() {
        server = TestApplication.startWithShippedMappings(dataDir);
        jdbc = server.getBean(JdbcClient.class);
        api = TestApplication.adminApi(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRunningImportCancelledStopsKeepsWhatItStoredAndTheSameFileAgainAddsOnlyTheRest() throws IOException {
        Path export = generated("cancelled.txt", 200_000);
        String id = upload(export, "+44 20 7946 0000");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> parsed(id) >= 30_000);

        ResponseEntity<Map> accepted =
                api.delete().uri("/api/imports/{id}", id).retrieve().toEntity(Map.class);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody()).containsEntry("id", id);
        Map<?, ?> status =
                await().atMost(Duration.ofSeconds(60)).until(() -> status(id), s -> "cancelled".equals(s.get("state")));
        Matcher stored = STORED.matcher((String) status.get("error"));
        assertThat(stored.find()).as((String) status.get("error")).isTrue();
        long storedBefore = Long.parseLong(stored.group(1).replace(",", ""));
        assertThat(storedBefore).isPositive().isEqualTo(exportMessages("442079460000:%"));
        assertThat(dataDir.resolve("imports").resolve(id)).doesNotExist();
        assertThat(status.get("progress")).isNull();

        ResponseEntity<String> again = api.delete().uri("/api/imports/{id}", id).exchange(TestApplication::withBody);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).contains("has ended: cancelled");

        String second = upload(export, "+44 20 7946 0000");
        Map<?, ?> done = await().atMost(Duration.ofSeconds(180))
                .until(() -> status(second), s -> !Map.of("queued", 1, "running", 1)
                        .containsKey(s.get("state")));
        assertThat(done.get("state")).as(String.valueOf(done.get("error"))).isEqualTo("done");
        Map<?, ?> summary = (Map<?, ?>) done.get("summary");
        long messages = ((Number) summary.get("messages")).longValue();
        assertThat(storedBefore).isLessThan(messages);
        assertThat(((Number) summary.get("newMessages")).longValue()).isEqualTo(messages - storedBefore);
        assertThat(exportMessages("442079460000:%")).isEqualTo(messages);
    }

    /**
     * Cancelled once every message is stored: the job says so and how far extraction got, and the server's
     * live pass makes the records of the rest (before, the message asked for the file again, which would
     * have added nothing).
     */
    @Test
    void anImportCancelledWhileExtractingSaysEverythingIsStoredAndTheServerReadsTheRest() throws IOException {
        // two years on: its bookings' dates (their business keys) are not the other tests' files'
        String id = upload(generated("extracting.txt", 100_000, 104), "+44 20 7946 0003");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "extracting".equals(status(id).get("phase")));

        assertThat(api.delete()
                        .uri("/api/imports/{id}", id)
                        .retrieve()
                        .toEntity(Map.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(202);

        Map<String, Object> status =
                await().atMost(Duration.ofSeconds(60)).until(() -> status(id), s -> !"running".equals(s.get("state")));
        long stored = exportMessages("442079460003:%");
        assertThat(status.get("state")).isEqualTo("cancelled");
        assertThat((String) status.get("error"))
                .startsWith(
                        "cancelled while extracting: the %,d new messages are all stored, and records were made from "
                                .formatted(stored))
                .endsWith("; the server reads the rest as it reads any message");
        await().atMost(Duration.ofSeconds(300))
                .until(() -> jdbc.sql("select count(*) from conversation where phone_number_id = '442079460003' "
                                        + "and pending_extraction")
                                .query(Long.class)
                                .single()
                        == 0);
        assertThat(jdbc.sql("select count(*) from record r join conversation c on c.id = r.conversation_id "
                                + "where c.phone_number_id = '442079460003'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void aQueuedImportCancelledNeverStarts() throws IOException {
        String ahead = upload(generated("ahead.txt", 100_000), "+44 20 7946 0001");
        String queued = upload(
                Path.of("src/test/resources/fixtures/chat-exports/own/android-us-crlf-nnbsp.txt"), "+44 20 7946 0002");
        assertThat(status(queued)).containsEntry("state", "queued");

        ResponseEntity<Map> accepted =
                api.delete().uri("/api/imports/{id}", queued).retrieve().toEntity(Map.class);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody())
                .containsEntry("state", "cancelled")
                .containsEntry("error", "cancelled before it started: nothing was imported");
        await().atMost(Duration.ofSeconds(180)).until(() -> status(ahead), s -> "done".equals(s.get("state")));
        assertThat(status(queued)).containsEntry("state", "cancelled");
        assertThat(exportMessages("442079460002:%")).isZero();
        assertThat(dataDir.resolve("imports").resolve(queued)).doesNotExist();
    }

    @Test
    void anUnknownImportIsNotFoundAndTheAdminAloneMayCancel() {
        ResponseEntity<String> unknown =
                api.delete().uri("/api/imports/no-such-job").exchange(TestApplication::withBody);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("import no-such-job");

        int anonymous = RestClient.create("http://localhost:" + TestApplication.port(server))
                .delete()
                .uri("/api/imports/no-such-job")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(anonymous).isEqualTo(401);
    }

    private static Path generated(String name, int lines) throws IOException {
        return generated(name, lines, 0);
    }

    private static Path generated(String name, int lines, int weeksLater) throws IOException {
        Path file = files.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ExportGenerator.write(out, lines, weeksLater);
        }
        return file;
    }

    private static String upload(Path file, String businessNumber) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(file));
        form.add("businessNumber", businessNumber);
        form.add("businessAuthor", "Bella Pizza");
        return (String) api.post()
                .uri("/api/imports")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .retrieve()
                .body(Map.class)
                .get("id");
    }

    private static Map<String, Object> status(String id) {
        return api.get().uri("/api/imports/{id}", id).retrieve().body(new ParameterizedTypeReference<>() {});
    }

    private static long parsed(String id) {
        Map<?, ?> progress = (Map<?, ?>) status(id).get("progress");
        return progress == null ? 0 : ((Number) progress.get("messagesParsed")).longValue();
    }

    private static long exportMessages(String conversations) {
        return jdbc.sql("select count(*) from message where channel = 'export' and conversation_id like ?")
                .param(conversations)
                .query(Long.class)
                .single();
    }
}
