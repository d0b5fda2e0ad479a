package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.ConversationExtraction;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.InboxNormaliser;
import io.chatbridge.ingest.InboxItem;
import io.chatbridge.ingest.InboxStore;
import io.chatbridge.support.TestApplication;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import reads each conversation in one pass and upserts its drafts in a batch; a webhook chat is
 * extracted message by message over the 48-hour window, draft by draft. Both must end with the same
 * records: each file is imported, its records kept, everything wiped, and the same messages replayed
 * one at a time through the live pipeline (normaliser, then the live extraction pass), then compared.
 */
class ImportExtractionEquivalenceIT {

    private static final Path OWN = Path.of("src/test/resources/fixtures/chat-exports/own");
    /** What a record is, whatever its number: numbers follow creation order, which the two paths differ in. */
    private static final String RECORDS =
            """
            select type || ' ' || coalesce(business_key, '-') || ' ' || conversation_id || ' '
                || anchor_message_id || ' ' || coalesce(customer_phone, '-') || ' ' || fields::text || ' '
                || complete || ' ' || missing::text || ' ' || status
            from record order by 1""";

    /** The outbox: one delivery per sink and record, at the record's newest complete version. */
    private static final String DELIVERIES =
            """
            select d.sink || ' ' || r.type || ' ' || coalesce(r.business_key, '-') || ' ' || r.conversation_id || ' '
                || r.anchor_message_id || ' v' || d.version || ' of ' || r.version || ' ' || d.state
            from delivery d join record r on r.id = d.record_id order by 1""";

    /** Each record's search name and search words with their weights (positions depend on text order). */
    private static final String SEARCH_COLUMNS =
            """
            select human_id || ' ' || coalesce(search_name, '-') || ' '
                || (select string_agg(lexeme || ':' || array_to_string(weights, ''), ' ' order by lexeme)
                    from unnest(search_doc))
            from record order by human_id""";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws IOException {
        Path noRoutes = Files.createDirectories(dataDir.resolve("no-routes"));
        app = TestApplication.startWithShippedMappings(dataDir, "--chatbridge.routes-dir=" + noRoutes);
        jdbc = app.getBean(JdbcClient.class);
        Files.writeString(dataDir.resolve("generated.txt"), generated(1_200));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void wipe() {
        jdbc.sql("truncate record, record_sequence, message, conversation, inbox_item, inbox cascade")
                .update();
    }

    @ParameterizedTest
    @CsvSource({
        "own/android-bookings-corrections.txt, Bella Pizza, +44 20 7946 0000",
        "own/android-us-crlf-nnbsp.txt, Bella Pizza, +44 20 7946 0000",
        "own/ios-group-lrm.txt, Corner Bakery, +351 21 000 0000",
        "generated.txt, Bella Pizza, +44 20 7946 0000"
    })
    void theImportMakesTheRecordsThePerMessagePathMakes(String file, String business, String number) throws Exception {
        Path source = file.startsWith("own/") ? OWN.resolve(file.substring(4)) : dataDir.resolve(file);
        app.getBean(ChatImporter.class).run(request(source, business, number), new ImportProgress());
        List<String> imported = jdbc.sql(RECORDS).query(String.class).list();
        List<String> importedDeliveries =
                jdbc.sql(DELIVERIES).query(String.class).list();
        List<ExportChunk.Message> messages = storedMessages();

        wipe();
        replayOneByOne(messages);
        List<String> live = jdbc.sql(RECORDS).query(String.class).list();
        List<String> liveDeliveries = jdbc.sql(DELIVERIES).query(String.class).list();

        assertThat(messages).isNotEmpty();
        if (file.contains("bookings") || file.startsWith("generated")) {
            assertThat(imported).hasSizeGreaterThan(2);
        }
        assertThat(imported).containsExactlyElementsOf(live);
        if (file.startsWith("generated")) {
            assertThat(importedDeliveries).hasSizeGreaterThan(2);
        }
        assertThat(importedDeliveries).containsExactlyElementsOf(liveDeliveries);
    }

    /**
     * The live pass finding many unextracted messages in a conversation at once (the server was down while
     * webhooks queued, or a stopped import left its conversations) reads them as if each had arrived alone.
     * It read the whole backlog as one window: one reading, whose records merged what message by message
     * were separate records (a 6,000-line group chat gave 141 orders instead of 340).
     */
    @ParameterizedTest
    @CsvSource({
        "own/android-bookings-corrections.txt, Bella Pizza, +44 20 7946 0000",
        "generated.txt, Bella Pizza, +44 20 7946 0000"
    })
    void aBacklogTheLivePassFindsMakesTheRecordsOfItsMessagesArrivingOneByOne(
            String file, String business, String number) throws Exception {
        Path source = file.startsWith("own/") ? OWN.resolve(file.substring(4)) : dataDir.resolve(file);
        app.getBean(ChatImporter.class).run(request(source, business, number), new ImportProgress());
        List<String> imported = jdbc.sql(RECORDS).query(String.class).list();
        List<String> importedDeliveries =
                jdbc.sql(DELIVERIES).query(String.class).list();
        List<ExportChunk.Message> messages = storedMessages();

        wipe();
        storeAllThenExtract(messages);
        List<String> backlog = jdbc.sql(RECORDS).query(String.class).list();

        assertThat(imported).hasSizeGreaterThan(2);
        assertThat(backlog).containsExactlyElementsOf(imported);
        assertThat(jdbc.sql(DELIVERIES).query(String.class).list()).containsExactlyElementsOf(importedDeliveries);
    }

    /**
     * An export of the later days imported first, then the whole chat: the second import adds only the
     * earlier messages, which sort before what the first import marked extracted (its watermark). They
     * must still be extracted, each with its window, as webhooks delivering the messages in that order
     * would; and the later messages are not read again.
     */
    @Test
    void anOlderExportImportedAfterANewerOneGivesThePerMessagePathsRecords() throws Exception {
        Path whole = OWN.resolve("android-bookings-corrections.txt");
        List<String> lines = Files.readAllLines(whole);
        Path later = dataDir.resolve("later-days.txt");
        Files.write(
                later,
                java.util.stream.Stream.concat(
                                lines.stream().limit(1), lines.stream().skip(6))
                        .toList());
        ChatImporter importer = app.getBean(ChatImporter.class);
        importer.run(request(later, "Bella Pizza", "+44 20 7946 0000"), new ImportProgress());
        long fromLaterDays =
                jdbc.sql("select count(*) from record").query(Long.class).single();
        ImportSummary second = importer.run(request(whole, "Bella Pizza", "+44 20 7946 0000"), new ImportProgress());
        List<String> imported = jdbc.sql(RECORDS).query(String.class).list();
        long unextracted = jdbc.sql(
                        """
                        select count(*) from message m join conversation c on c.id = m.conversation_id
                        where not m.extracted and (c.extracted_until is null
                            or (m.sent_at, m.id) > (c.extracted_until, c.extracted_until_id))""")
                .query(Long.class)
                .single();
        List<ExportChunk.Message> messages = storedMessages();

        wipe();
        replayOneByOne(messages);
        List<String> live = jdbc.sql(RECORDS).query(String.class).list();

        assertThat(second.newMessages()).isEqualTo(5);
        assertThat(unextracted).isZero();
        assertThat(imported).hasSizeGreaterThan((int) fromLaterDays);
        assertThat(imported).containsExactlyElementsOf(live);
    }

    /**
     * A payment said again a day later under the same reference ("… Also, …" reads as another payment) is
     * a second draft with the first one's business key, so both go to one record. Every later message's
     * window held both, and the record went back to the first day and forward to the second at each of
     * them: two versions, two history rows and a delivery per message, nothing changed in the end. It now
     * changes once, when the second payment is said, in the import and message by message alike.
     */
    @Test
    void aPaymentSaidAgainUnderItsReferenceChangesItsRecordOnceNotAtEveryLaterMessage() throws Exception {
        Path chat = dataDir.resolve("payment-said-again.txt");
        Files.writeString(
                chat,
                """
                20/11/2026, 09:30 - +44 7700 900123: I paid £45.50 by bank transfer, reference BP-2231
                21/11/2026, 04:01 - +44 7700 900123: I paid £45.50 by bank transfer, reference BP-2231
                Also, one of us is vegetarian.
                21/11/2026, 04:03 - Bella Pizza: Thanks, payment received.
                21/11/2026, 04:05 - +44 7700 900123: ok
                21/11/2026, 04:06 - +44 7700 900123: great, see you soon
                21/11/2026, 04:07 - +44 7700 900123: thanks!
                """);
        String history =
                """
                select c.version || ' ' || c.field || ' ' || coalesce(c.old_value::text, '-') || ' -> '
                    || c.new_value::text
                from record_change c join record r on r.id = c.record_id
                where r.type = 'payment' and c.field = 'paid_on' order by c.id""";
        app.getBean(ChatImporter.class).run(request(chat, "Bella Pizza", "+44 20 7946 0000"), new ImportProgress());
        List<String> imported = jdbc.sql(history).query(String.class).list();
        List<String> importedRecords = jdbc.sql(RECORDS).query(String.class).list();
        List<ExportChunk.Message> messages = storedMessages();

        wipe();
        replayOneByOne(messages);

        List<String> expected = List.of("1 paid_on - -> \"2026-11-20\"", "2 paid_on \"2026-11-20\" -> \"2026-11-21\"");
        assertThat(imported).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql(history).query(String.class).list()).containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("select version from record where type = 'payment'")
                        .query(Integer.class)
                        .list())
                .containsExactly(2);
        assertThat(importedRecords)
                .containsExactlyElementsOf(jdbc.sql(RECORDS).query(String.class).list());
    }

    /**
     * The import fills the console search columns in its batch insert from the texts it holds; they must
     * be what the row trigger builds from the stored messages (run again here by rewriting the fields).
     */
    @ParameterizedTest
    @CsvSource({
        "own/android-bookings-corrections.txt, Bella Pizza, +44 20 7946 0000",
        "generated.txt, Bella Pizza, +44 20 7946 0000"
    })
    void importedRecordsAreFoundByTheSearchAsTheTriggerWouldIndexThem(String file, String business, String number)
            throws Exception {
        Path source = file.startsWith("own/") ? OWN.resolve(file.substring(4)) : dataDir.resolve(file);
        app.getBean(ChatImporter.class).run(request(source, business, number), new ImportProgress());
        List<String> imported = jdbc.sql(SEARCH_COLUMNS).query(String.class).list();

        jdbc.sql("update record set fields = fields").update();
        List<String> byTrigger = jdbc.sql(SEARCH_COLUMNS).query(String.class).list();

        // every record holds words of its source messages (weight C), not only of its fields
        assertThat(imported).hasSizeGreaterThan(2).allSatisfy(row -> assertThat(row)
                .matches(".*:[AB]*C.*"));
        assertThat(imported).containsExactlyElementsOf(byTrigger);
    }

    private static List<ExportChunk.Message> storedMessages() {
        ObjectMapper json = app.getBean(ObjectMapper.class);
        return jdbc
                .sql("select raw from inbox where channel = 'export' order by id")
                .query((rs, n) -> read(json, rs.getBytes(1)))
                .list()
                .stream()
                .flatMap(chunk -> chunk.messages().stream())
                .toList();
    }

    private static ExportChunk read(ObjectMapper json, byte[] raw) {
        try {
            return json.readValue(raw, ExportChunk.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Another transaction creates a record with the business key an import's batch is about to create: the
     * batch's insert waits for it, finds the key taken ({@code ConcurrentRecordChange}) and the batch is done
     * again conversation by conversation. The conversation is still read as the import reads it, message by
     * message, each change caused by its own message, and it updates the other transaction's record. It was
     * read as a live one: the whole slice as one window, every change caused by the slice's last message.
     */
    @Test
    void aRecordAnotherTransactionCreatesMeanwhileIsUpdatedMessageByMessage() throws Exception {
        Path file = OWN.resolve("android-bookings-corrections.txt");
        ChatImporter importer = app.getBean(ChatImporter.class);
        importer.run(request(file, "Bella Pizza", "+44 20 7946 0000"), new ImportProgress());
        String keyed = jdbc.sql(
                        """
                        select to_jsonb(r)::text from record r where business_key is not null
                        order by (select count(distinct c.cause) from record_change c where c.record_id = r.id) desc,
                            r.id limit 1""")
                .query(String.class)
                .single();
        ObjectMapper json = app.getBean(ObjectMapper.class);
        com.fasterxml.jackson.databind.node.ObjectNode other =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(keyed);
        String type = other.get("type").asText();
        String key = other.get("business_key").asText();
        List<String> cleanCauses = causes(type, key);
        long cleanRecords =
                jdbc.sql("select count(*) from record").query(Long.class).single();
        assertThat(cleanCauses).hasSizeGreaterThan(1);
        wipe();
        jdbc.sql("insert into conversation (id, channel, phone_number_id, customer_wa_id) "
                        + "values ('442079460000:1', 'whatsapp', '442079460000', '1')")
                .update();
        other.put("id", 1_000_000_000L)
                .put("human_id", "BK-OTHER")
                .put("conversation_id", "442079460000:1")
                .put("anchor_message_id", "wamid.other")
                .put("version", 1)
                .set("fields", json.createObjectNode());

        ImportSummary summary;
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection connection =
                app.getBean(javax.sql.DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = connection.prepareStatement(
                    "insert into record select (jsonb_populate_record(null::public.record, ?::jsonb)).*")) {
                insert.setString(1, other.toString());
                insert.executeUpdate();
            }
            java.util.concurrent.Future<ImportSummary> running = thread.submit(
                    () -> importer.run(request(file, "Bella Pizza", "+44 20 7946 0000"), new ImportProgress()));
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> running.isDone()
                            || jdbc.sql("select exists (select 1 from pg_locks where not granted)")
                                    .query(Boolean.class)
                                    .single());
            assertThat(running.isDone())
                    .as("the import waits for the other transaction's key")
                    .isFalse();
            connection.commit();
            summary = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }

        assertThat(summary.unreadable()).isEmpty();
        assertThat(jdbc.sql("select count(*) from record").query(Long.class).single())
                .isEqualTo(cleanRecords);
        assertThat(jdbc.sql("select human_id from record where type = ? and business_key = ?")
                        .params(type, key)
                        .query(String.class)
                        .single())
                .isEqualTo("BK-OTHER");
        assertThat(causes(type, key)).isEqualTo(cleanCauses);
    }

    /** The messages that caused the changes of the record with this business key, in order. */
    private static List<String> causes(String type, String businessKey) {
        return jdbc.sql(
                        """
                        select distinct c.cause from record_change c join record r on r.id = c.record_id
                        where r.type = ? and r.business_key = ? order by 1""")
                .params(type, businessKey)
                .query(String.class)
                .list();
    }

    /** As webhooks deliver a chat: one message stored, normalised and extracted before the next. */
    private static void replayOneByOne(List<ExportChunk.Message> messages) throws Exception {
        ObjectMapper json = app.getBean(ObjectMapper.class);
        InboxStore inbox = app.getBean(InboxStore.class);
        InboxNormaliser normaliser = app.getBean(InboxNormaliser.class);
        ConversationExtraction extraction = app.getBean(ConversationExtraction.class);
        for (ExportChunk.Message message : messages) {
            byte[] raw = json.writeValueAsBytes(new ExportChunk(ExportChunk.FORMAT, "replay", List.of(message)));
            inbox.store(ExportChunk.CHANNEL, "application/json", raw, List.of(InboxItem.message(message.id())));
            normaliser.drain();
            extraction.drain();
        }
    }

    /** As webhooks queued while the pipeline was stopped: every message stored, then the live pass. */
    private static void storeAllThenExtract(List<ExportChunk.Message> messages) throws Exception {
        ObjectMapper json = app.getBean(ObjectMapper.class);
        InboxStore inbox = app.getBean(InboxStore.class);
        InboxNormaliser normaliser = app.getBean(InboxNormaliser.class);
        ConversationExtraction extraction = app.getBean(ConversationExtraction.class);
        for (ExportChunk.Message message : messages) {
            byte[] raw = json.writeValueAsBytes(new ExportChunk(ExportChunk.FORMAT, "backlog", List.of(message)));
            inbox.store(ExportChunk.CHANNEL, "application/json", raw, List.of(InboxItem.message(message.id())));
        }
        while (normaliser.drain() > 0) {
            // every message stored before any is extracted
        }
        while (extraction.drain() > 0) {
            // the live pass, as its route polls
        }
    }

    private static String generated(int lines) throws IOException {
        StringWriter out = new StringWriter();
        ExportGenerator.write(out, lines);
        return out.toString();
    }

    private static ImportRequest request(Path file, String businessAuthor, String businessNumber) {
        return new ImportRequest(
                file, businessNumber, businessAuthor, null, Locale.UK, ZoneId.of("Europe/London"), null, false);
    }
}
