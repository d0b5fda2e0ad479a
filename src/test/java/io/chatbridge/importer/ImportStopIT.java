package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.TestApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An import asked to stop (the command's Ctrl-C) keeps what it stored, says how much, and the same file
 * imported again finishes the work: the messages not stored yet are added, none twice, and the records
 * come out as those of an import that never stopped. The routes run, as in a server: between the stop and
 * the second import, the live extraction pass may take the conversations the stopped import left, and must
 * make the same records (it read such a backlog as one window, and made 1,851 and 903 orders of this
 * group chat where the import made 3,503).
 */
class ImportStopIT {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static ChatImporter importer;
    static JdbcClient jdbc;
    static String export;

    @BeforeAll
    static void start() throws IOException {
        app = TestApplication.startWithShippedMappings(dataDir);
        importer = app.getBean(ChatImporter.class);
        jdbc = app.getBean(JdbcClient.class);
        java.io.StringWriter out = new java.io.StringWriter();
        ExportGenerator.write(out, 60_000);
        export = out.toString();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aStopWhileStoringKeepsWhatWasStoredAndTheSameFileAgainAddsOnlyTheRest() throws Exception {
        String business = "+44 20 7946 0701";
        ImportProgress progress = new ImportProgress();

        // past what the lanes hold (ChunkWriter.BUFFERED): some chunks are stored, the file is not
        ImportStopped stopped = stoppedWhen(business, progress, p -> p.messagesParsed() > 35_000);

        assertThat(stopped.extracting()).isFalse();
        assertThat(progress.phase()).isEqualTo(ImportProgress.Phase.STOPPED);
        assertThat(stopped.stored()).isPositive().isEqualTo(messagesOf(business));
        ImportSummary again = importer.run(request(business), new ImportProgress());
        assertThat(again.newMessages()).isEqualTo(again.messages() - stopped.stored());
        assertThat(messagesOf(business)).isEqualTo(again.messages());
        assertThat(recordsOf(business)).isEqualTo(recordsOfAnImportThatNeverStopped());
    }

    @Test
    void aStopWhileExtractingLeavesTheRestToTheNextImport() throws Exception {
        String business = "+44 20 7946 0702";
        ImportProgress progress = new ImportProgress();

        ImportStopped stopped = stoppedWhen(
                business, progress, p -> p.phase() == ImportProgress.Phase.EXTRACTING && p.messagesExtracted() > 0);

        assertThat(stopped.extracting()).isTrue();
        assertThat(stopped.stored()).isEqualTo(messagesOf(business));
        assertThat(stopped.extracted()).isPositive().isLessThan(stopped.stored());
        ImportSummary again = importer.run(request(business), new ImportProgress());
        assertThat(again.newMessages()).isZero();
        assertThat(pendingOf(business)).isZero();
        assertThat(recordsOf(business)).isEqualTo(recordsOfAnImportThatNeverStopped());
    }

    /** Runs the import on another thread and asks it to stop once {@code when} holds. */
    private static ImportStopped stoppedWhen(String business, ImportProgress progress, Predicate<ImportProgress> when)
            throws Exception {
        CompletableFuture<ImportSummary> running = CompletableFuture.supplyAsync(() -> {
            try {
                return importer.run(request(business), progress);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!when.test(progress) && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        progress.requestStop();
        try {
            running.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ImportStopped.class);
            return (ImportStopped) e.getCause();
        }
        throw new AssertionError("the import ended before it was asked to stop: make the export larger");
    }

    private static Map<String, Long> baseline;

    /** Records by type of the same file imported for another business, uninterrupted. */
    private static synchronized Map<String, Long> recordsOfAnImportThatNeverStopped() throws IOException {
        if (baseline == null) {
            String business = "+44 20 7946 0700";
            importer.run(request(business), new ImportProgress());
            baseline = recordsOf(business);
        }
        return baseline;
    }

    /**
     * The export as the business's own chat: its customers' numbers end as the business's does, so that no
     * two businesses share a customer (a booking's business key is the customer's phone and the date).
     */
    private static ImportRequest request(String business) throws IOException {
        Path file = dataDir.resolve("export-" + business.replaceAll("\\D", "") + ".txt");
        if (!Files.exists(file)) {
            String digit = business.substring(business.length() - 1);
            Files.writeString(file, export.replace("+44 7700 9", "+44 7700 " + digit), StandardCharsets.UTF_8);
        }
        return new ImportRequest(
                file, business, "Bella Pizza", null, Locale.UK, ZoneId.of("Europe/London"), null, false);
    }

    private static String conversations(String business) {
        return business.replaceAll("\\D", "") + ":%";
    }

    private static long messagesOf(String business) {
        return jdbc.sql("select count(*) from message where conversation_id like ?")
                .param(conversations(business))
                .query(Long.class)
                .single();
    }

    private static long pendingOf(String business) {
        return jdbc.sql("select count(*) from conversation where id like ? and pending_extraction")
                .param(conversations(business))
                .query(Long.class)
                .single();
    }

    private static Map<String, Long> recordsOf(String business) {
        Map<String, Long> byType = new java.util.TreeMap<>();
        jdbc.sql("select type, count(*) as n from record where conversation_id like ? group by type")
                .param(conversations(business))
                .query(rs -> {
                    byType.put(rs.getString("type"), rs.getLong("n"));
                });
        return byType;
    }
}
