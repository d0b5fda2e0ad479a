package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.conversation.ConversationExtraction;
import io.chatbridge.conversation.InboxNormaliser;
import io.chatbridge.support.ShippedMappings;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A mapping pattern that repeats a group overflows java.util.regex's stack on a long message (here a
 * booking's notes pattern and a message of 20,000 words). The StackOverflowError escaped extraction: the
 * live pass threw it at every poll, so no conversation of its batch was ever extracted, and an import's
 * drain threads died of it while the import reported success without the conversation's records. The
 * real rule-based extractor runs here, with the routes off so that the test drives each pass.
 */
class OverflowingPatternIT {

    private static final String BOOKING = "Hi, I want to book a table for Saturday for 4 people";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws IOException {
        Path noRoutes = Files.createDirectories(dataDir.resolve("no-routes"));
        Path mappings = ShippedMappings.withRepeatedWordsNotes(dataDir.resolve("mappings"));
        app = TestApplication.startWithMappings(dataDir, mappings, "--chatbridge.routes-dir=" + noRoutes);
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aLongMessageGoesThroughTheLivePassAndDoesNotHoldUpOtherConversations() {
        Webhooks webhooks = new Webhooks(TestApplication.port(app));
        webhooks.post(Webhooks.textMessage("wamid.long1", "447700900501", "Ana", 1_760_000_000, BOOKING));
        webhooks.post(
                Webhooks.textMessage("wamid.long2", "447700900501", "Ana", 1_760_000_060, ShippedMappings.longNotes()));
        webhooks.post(Webhooks.textMessage("wamid.short1", "447700900502", "Bea", 1_760_000_030, BOOKING));
        InboxNormaliser normaliser = app.getBean(InboxNormaliser.class);
        while (normaliser.drain() > 0) {
            // normalise every stored webhook
        }

        app.getBean(ConversationExtraction.class).drain();

        assertThat(bookings("%:447700900502")).isEqualTo(1);
        assertThat(bookings("%:447700900501")).isEqualTo(1);
        assertThat(count("select count(*) from message where external_id like 'wamid.long%' and not extracted"))
                .isZero();
    }

    @Test
    void anImportWithALongMessageMakesItsRecords() throws IOException {
        Path file = dataDir.resolve("long-notes.txt");
        Files.writeString(
                file,
                """
                20/11/2026, 10:00 - +44 7700 900601: %s
                20/11/2026, 10:01 - +44 7700 900601: %s
                20/11/2026, 10:02 - Bella Pizza: Done, see you on Saturday!
                20/11/2026, 10:03 - +44 7700 900602: %s
                """
                        .formatted(BOOKING, ShippedMappings.longNotes(), BOOKING),
                StandardCharsets.UTF_8);
        ImportRequest request = new ImportRequest(
                file, "+44 20 7946 0600", "Bella Pizza", null, Locale.UK, ZoneId.of("Europe/London"), null, false);

        ImportSummary summary = app.getBean(ChatImporter.class).run(request, new ImportProgress());

        assertThat(bookings("442079460600:%447700900601%")).isEqualTo(1);
        assertThat(bookings("442079460600:%447700900602%")).isEqualTo(1);
        assertThat(summary.recordsByType()).containsEntry("booking", 2L);
        assertThat(count("select count(*) from conversation where channel = 'export' and pending_extraction"))
                .isZero();
    }

    private static long bookings(String conversation) {
        return jdbc.sql("select count(*) from record where type = 'booking' and conversation_id like ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
