package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.ConversationExtraction;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.InboxNormaliser;
import io.chatbridge.ingest.InboxStore;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/** Imports exports through the real pipeline on embedded PostgreSQL (with the spine's trivial extractor). */
class ChatImportIT {

    private static final Path OWN = Path.of("src/test/resources/fixtures/chat-exports/own");
    private static final String MESSAGES_OF_0001 =
            "select count(*) from message where channel = 'export' and conversation_id like '442079460001:%'";
    private static final byte[] PHOTO = "not really a jpeg".getBytes(StandardCharsets.UTF_8);

    /** Two broadcasts of the business: the same text at the same minute in every customer's chat. */
    private static final String BROADCASTS =
            """
            01/12/2024, 10:00 - Bella Pizza: Our Christmas menu is out!
            08/12/2024, 10:00 - Bella Pizza: Last week to book for Christmas Eve
            """;

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static ChatImporter importer;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        app = TestApplication.start(dataDir);
        importer = app.getBean(ChatImporter.class);
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void importingTheSameExportTwiceAddsNothingTheSecondTime() throws IOException {
        ImportRequest request = request(OWN.resolve("android-us-crlf-nnbsp.txt"), "Bella Pizza", "+44 20 7946 0001");

        ImportSummary first = importer.run(request, new ImportProgress());
        long messages = count(MESSAGES_OF_0001);
        long records = count("select count(*) from record");
        ImportSummary second = importer.run(request, new ImportProgress());

        assertThat(first.messages()).isEqualTo(7);
        assertThat(first.newMessages()).isEqualTo(7);
        assertThat(first.systemLines()).isEqualTo(3);
        assertThat(first.deletedMessages()).isEqualTo(1);
        assertThat(first.recordsByType()).containsEntry("note", 1L);
        assertThat(first.businessDecision()).contains("Bella Pizza").contains("--business-author");
        assertThat(messages).isEqualTo(7);
        assertThat(second.messages()).isEqualTo(7);
        assertThat(second.newMessages()).isZero();
        assertThat(count(MESSAGES_OF_0001)).isEqualTo(messages);
        assertThat(count("select count(*) from record")).isEqualTo(records);
    }

    @Test
    void theBusinessSideIsOutboundAndTheConversationIsNamedAfterBothNumbers() throws IOException {
        importer.run(
                request(OWN.resolve("android-us-crlf-nnbsp.txt"), "Bella Pizza", "+44 20 7946 0000"),
                new ImportProgress());

        assertThat(jdbc.sql("select direction, count(*) from message where channel = 'export' and "
                                + "conversation_id like '442079460000:%' group by direction order by direction")
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactly("in=4", "out=3");
        assertThat(jdbc.sql("select id from conversation where channel = 'export' and phone_number_id = '442079460000'")
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .startsWith("442079460000:n")
                .hasSize(13 + 17);
    }

    @Test
    void aZipWithMediaStoresTheFilesAndLinksThemFromTheirMessages() throws Exception {
        Path zip = dataDir.resolve("WhatsApp Chat - Corner Bakery.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "_chat.txt", Files.readAllBytes(OWN.resolve("ios-group-lrm.txt")));
            put(out, "__MACOSX/._chat.txt", new byte[] {0, 5, 22, 7});
            put(out, "00000007-PHOTO-2024-04-15-09-04-00.jpg", PHOTO);
        }

        ImportSummary summary = importer.run(request(zip, "Corner Bakery", "+351 21 000 0000"), new ImportProgress());

        String hash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PHOTO));
        assertThat(dataDir.resolve("media").resolve(hash)).hasBinaryContent(PHOTO);
        assertThat(summary.mediaStored()).isEqualTo(1);
        assertThat(summary.conversations()).isEqualTo(2);
        assertThat(jdbc.sql("select media ->> 'path' from message where channel = 'export' and media ->> 'file' = ?")
                        .param("00000007-PHOTO-2024-04-15-09-04-00.jpg")
                        .query(String.class)
                        .single())
                .isEqualTo("media/" + hash);
    }

    /**
     * A zip whose "photo" is 20 MB of zeros packed into about 20 KB (a zip bomb holds terabytes the same
     * way): it was unpacked into the media folder whole, on the disk the database shares. It is stopped at
     * 100 times its packed size, nothing of it stays, and the message is imported without it, its line named.
     */
    @Test
    void aMediaFileThatUnpacksToFarMoreThanItsPackedSizeIsNotKept() throws Exception {
        Path zip = Files.createDirectories(dataDir.resolve("bomb")).resolve("WhatsApp Chat - Corner Bakery.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(
                    out,
                    "_chat.txt",
                    Files.readString(OWN.resolve("ios-group-lrm.txt"))
                            .replace("00000007-PHOTO-2024-04-15-09-04-00.jpg", "00000007-PHOTO-BOMB.jpg")
                            .getBytes(StandardCharsets.UTF_8));
            put(out, "00000007-PHOTO-BOMB.jpg", new byte[20 << 20]);
        }
        Path media = dataDir.resolve("media");
        long before = Files.exists(media) ? Files.list(media).count() : 0;

        ImportSummary summary = importer.run(request(zip, "Corner Bakery", "+351 21 000 0001"), new ImportProgress());

        assertThat(summary.mediaStored()).isZero();
        assertThat(summary.unreadable())
                .singleElement(as(STRING))
                .startsWith("WhatsApp Chat - Corner Bakery.zip line ")
                .contains("the attached file was not kept: it unpacks to more than");
        assertThat(Files.exists(media) ? Files.list(media).count() : 0).isEqualTo(before);
        assertThat(jdbc.sql("select media::text from message where conversation_id like '351210000001:%' "
                                + "and media ->> 'file' = '00000007-PHOTO-BOMB.jpg'")
                        .query(String.class)
                        .single())
                .doesNotContain("path");
    }

    /**
     * A zip damaged inside a photo's packed bytes (a bit flipped when it was copied): the inflater's error
     * ended the whole import. The message is imported without its file, and the line is named.
     */
    @Test
    void aMediaFileThatCannotBeUnpackedIsLeftOutAndTheRestImported() throws Exception {
        String photo = "00000007-PHOTO-DAMAGED.jpg";
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(packed)) {
            put(
                    out,
                    photo,
                    "not quite a photo, but it packs well ".repeat(20_000).getBytes(StandardCharsets.UTF_8));
            put(
                    out,
                    "_chat.txt",
                    Files.readString(OWN.resolve("ios-group-lrm.txt"))
                            .replace("00000007-PHOTO-2024-04-15-09-04-00.jpg", photo)
                            .getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = packed.toByteArray();
        int data = indexOf(bytes, photo.getBytes(StandardCharsets.UTF_8)) + photo.length(); // its local header
        java.util.Arrays.fill(bytes, data + 10, data + 150, (byte) 0xff);
        Path zip = Files.write(
                Files.createDirectories(dataDir.resolve("damaged")).resolve("WhatsApp Chat - Corner Bakery.zip"),
                bytes);

        ImportSummary summary = importer.run(request(zip, "Corner Bakery", "+351 21 000 0002"), new ImportProgress());

        assertThat(summary.mediaStored()).isZero();
        assertThat(summary.newMessages()).isPositive();
        assertThat(summary.unreadable())
                .singleElement(as(STRING))
                .startsWith("WhatsApp Chat - Corner Bakery.zip line ")
                .contains("the attached file was not kept: it cannot be unpacked, the zip is damaged there (");
        assertThat(jdbc.sql("select media::text from message where conversation_id like '351210000002:%' "
                                + "and media ->> 'file' = ?")
                        .param(photo)
                        .query(String.class)
                        .single())
                .doesNotContain("path");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    /**
     * A group chat interleaves its customers line by line; chunks cut in file order each named every
     * customer, and storing each chunk rewrote every conversation it named.
     */
    @Test
    void aGroupChatIsStoredInChunksThatEachNameFewConversations() throws IOException {
        Path file = dataDir.resolve("group.txt");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ExportGenerator.write(out, 5_000);
        }

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0333"), new ImportProgress());

        String ofThisImport = "from message where channel = 'export' and conversation_id like '442079460333:%'";
        long widestChunk = count("select max(n) from (select count(distinct conversation_id) as n " + ofThisImport
                + " group by inbox_id) chunks");
        assertThat(summary.conversations()).isGreaterThan(2 * ChunkWriter.LANE);
        assertThat(count("select count(*) " + ofThisImport)).isEqualTo(summary.messages());
        assertThat(widestChunk).isLessThanOrEqualTo(ChunkWriter.LANE);
    }

    /**
     * Extraction is often the longer half of a large import. It used to run in one call that returned
     * only when every conversation was done, so the progress showed 0 records until the end and said
     * nothing of how far extraction was.
     */
    @Test
    void theProgressFollowsExtractionAndCountsRecordsAsTheyAreCommitted() throws Exception {
        Path file = dataDir.resolve("progress.txt");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ExportGenerator.write(out, 40_000);
        }
        ImportProgress progress = new ImportProgress();
        List<long[]> whileExtracting = new CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            while (progress.phase() != ImportProgress.Phase.DONE && progress.phase() != ImportProgress.Phase.FAILED) {
                if (progress.phase() == ImportProgress.Phase.EXTRACTING) {
                    whileExtracting.add(new long[] {progress.messagesExtracted(), progress.recordsCreated()});
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0666"), progress);
        watcher.join();

        assertThat(progress.messagesToExtract())
                .isEqualTo(summary.newMessages())
                .isPositive();
        assertThat(progress.messagesExtracted()).isEqualTo(summary.newMessages());
        assertThat(whileExtracting)
                .anySatisfy(sample -> assertThat(sample[0]).isPositive().isLessThan(summary.newMessages()));
        assertThat(whileExtracting)
                .anySatisfy(sample -> assertThat(sample[1]).isPositive().isLessThan(summary.records()));
        assertThat(progress.recordsCreated()).isEqualTo(summary.records());
    }

    /**
     * The pipeline thread an import starts beside its reading kept polling the inbox every 50 ms for the
     * life of the process when the import failed before the end of the file.
     */
    @Test
    void anImportThatFailsWhileStoringLeavesNoThreadBehind() throws IOException {
        Path file = dataDir.resolve("unstorable.txt");
        Files.writeString(
                file,
                """
                15/01/2024, 10:00 - +44 7700 900321: cannot be stored
                15/01/2024, 10:01 - Bella Pizza: sorry
                """,
                StandardCharsets.UTF_8);
        jdbc.sql(
                        """
                        create function refuse_chunk() returns trigger language plpgsql as $$
                        begin
                            if convert_from(new.raw, 'UTF8') like '%cannot be stored%' then raise exception 'full'; end if;
                            return new;
                        end $$""")
                .update();
        jdbc.sql("create trigger refuse_chunk before insert on inbox for each row execute function refuse_chunk()")
                .update();
        try {
            assertThatThrownBy(
                            () -> importer.run(request(file, "Bella Pizza", "+44 20 7946 0555"), new ImportProgress()))
                    .isInstanceOf(IOException.class);
        } finally {
            jdbc.sql("drop trigger refuse_chunk on inbox").update();
            jdbc.sql("drop function refuse_chunk()").update();
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(thread -> thread.getName().matches("import-(drain|extract|write-\\d+)")));
    }

    /**
     * A conversation whose extraction fails is parked and the others go on; the import reported "done"
     * without a word of it, so the missing records went unnoticed.
     */
    @Test
    void aConversationThatCannotBeExtractedIsNamedInTheSummary() throws IOException {
        Path file = dataDir.resolve("parked.txt");
        Files.writeString(
                file,
                """
                18/01/2024, 10:00 - +44 7700 900871: book a table please, explode
                18/01/2024, 10:01 - +44 7700 900872: book a table for two
                18/01/2024, 10:02 - Bella Pizza: Sure, both of you
                """,
                StandardCharsets.UTF_8);

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0871"), new ImportProgress());

        assertThat(summary.records()).isEqualTo(1);
        assertThat(summary.unreadable())
                .singleElement(as(STRING))
                .contains("1 conversation(s) could not be extracted")
                .contains("442079460871:447*******71")
                .contains("dashboard")
                .contains("server log")
                .doesNotContain("900871");
        assertThat(jdbc.sql("select extraction_error from conversation where id like '442079460871:%' order by id")
                        .query((rs, n) -> String.valueOf(rs.getString(1)))
                        .list())
                .containsExactly("java.lang.IllegalStateException: test extractor asked to fail", "null");
    }

    /**
     * When one conversation of an extraction batch fails, the batch is done again conversation by
     * conversation. Its other conversations were then read as live ones: the whole slice (up to 20,000
     * messages) as one window instead of message by message, every change caused by the slice's last
     * message, and no history time for the automations. They are read as the import reads them.
     */
    @Test
    void theConversationsBesideAFailedOneAreStillReadMessageByMessage() throws IOException {
        Path file = dataDir.resolve("beside-parked.txt");
        Files.writeString(
                file,
                """
                18/01/2024, 10:00 - +44 7700 900891: book a table please, explode
                18/01/2024, 10:01 - +44 7700 900892: book a table for two
                18/01/2024, 10:02 - Bella Pizza: Sure, see you at 8
                """,
                StandardCharsets.UTF_8);

        importer.run(request(file, "Bella Pizza", "+44 20 7946 0891"), new ImportProgress());

        String booked = jdbc.sql("select external_id from message where conversation_id = '442079460891:447700900892' "
                        + "and text = 'book a table for two'")
                .query(String.class)
                .single();
        assertThat(jdbc.sql("select distinct c.cause from record_change c join record r on r.id = c.record_id "
                                + "where r.conversation_id = '442079460891:447700900892'")
                        .query(String.class)
                        .list())
                .containsExactly(booked);
    }

    /**
     * The error a conversation was set aside with stays on it (the dashboard lists it) until the
     * conversation is extracted: here the word that broke the test extractor is gone when it is read again.
     */
    @Test
    void aParkedConversationLosesItsErrorOnceItIsExtracted() throws IOException {
        Path file = dataDir.resolve("parked-then-fine.txt");
        Files.writeString(
                file,
                """
                18/01/2024, 10:00 - +44 7700 900881: book a table please, explode
                18/01/2024, 10:02 - Bella Pizza: Sure
                """,
                StandardCharsets.UTF_8);
        String conversation = "442079460881:447700900881";
        importer.run(request(file, "Bella Pizza", "+44 20 7946 0881"), new ImportProgress());
        assertThat(jdbc.sql("select extraction_failed_at is not null from conversation where id = ?")
                        .param(conversation)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        jdbc.sql("update message set text = replace(text, 'explode', 'thanks') where conversation_id = ?")
                .param(conversation)
                .update();
        jdbc.sql("update conversation set pending_extraction = true where id = ?")
                .param(conversation)
                .update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from record where conversation_id = ?")
                                .param(conversation)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("select extraction_error is null and extraction_failed_at is null from conversation "
                                + "where id = ?")
                        .param(conversation)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    /**
     * Chunks are cut by their text as well as by their count: 500 messages of WhatsApp's longest made a
     * 65 MB chunk, and the writer held 20,000 such messages (2.6 GB) before it wrote one.
     */
    @Test
    void longMessagesAreStoredInChunksOfAFewMegabytes() throws IOException {
        Path file = dataDir.resolve("long-messages.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(String.format("12/03/2024, 10:%02d - +44 7700 900190: %s%n", i, "long ".repeat(12_000)));
        }
        Files.writeString(file, text);

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0190"), new ImportProgress());

        assertThat(summary.newMessages()).isEqualTo(40);
        List<Integer> chunks = jdbc.sql(
                        "select length(raw) from inbox where position('long-messages.txt'::bytea in raw) > 0")
                .query(Integer.class)
                .list();
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3).allSatisfy(bytes -> assertThat(bytes)
                .isLessThan(2 * ChunkWriter.CHUNK_CHARS + 100_000));
    }

    @Test
    void aBrokenFileImportsTheRestAndListsTheBadLines() throws IOException {
        ImportSummary summary =
                importer.run(request(OWN.resolve("android-broken.txt"), null, "+49 30 0000000"), new ImportProgress());

        assertThat(summary.messages()).isEqualTo(3);
        assertThat(summary.unreadableLines()).isEqualTo(2);
        assertThat(summary.unreadable()).anySatisfy(line -> assertThat(line).startsWith("android-broken.txt line 3: "));
    }

    /**
     * The author of a line whose date does not exist (a phone's glitch, a line pasted from another chat)
     * was counted by the first pass: the one-to-one chat looked like a group, and the customer number given
     * for it was ignored, so the conversation was keyed by the customer's name instead.
     */
    @Test
    void aLineWithAnImpossibleDateMakesNoGroupOfAOneToOneChat() throws IOException {
        Path file = dataDir.resolve("WhatsApp Chat with Sam.txt");
        Files.writeString(
                file,
                """
                13/03/2024, 10:00 - Sam: Table for 4 on Friday?
                13/03/2024, 10:01 - Bella Pizza: Sure, what time?
                31/02/2024, 10:02 - Tom: hello
                13/03/2024, 10:03 - Sam: 8pm
                """);

        ImportProgress progress = new ImportProgress();
        ImportSummary summary = importer.run(
                new ImportRequest(
                        file,
                        "+44 20 7946 0031",
                        "Bella Pizza",
                        "+44 7700 900431",
                        Locale.UK,
                        ZoneId.of("Europe/London"),
                        null,
                        false),
                progress);

        assertThat(summary.newMessages()).isEqualTo(3);
        assertThat(progress.totalMessages()).isEqualTo(3); // the bar's total leaves out the unreadable line
        assertThat(summary.unreadable())
                .singleElement()
                .asString()
                .startsWith("WhatsApp Chat with Sam.txt line 3: impossible date");
        assertThat(jdbc.sql("select id from conversation where phone_number_id = '442079460031'")
                        .query(String.class)
                        .list())
                .containsExactly("442079460031:447700900431");
    }

    @Test
    void aNulCharacterInOneMessageDoesNotLoseTheOthers() throws IOException {
        Path file = dataDir.resolve("nul-inside.txt");
        Files.writeString(
                file,
                """
                13/01/2024, 10:00 - Bella Pizza: Hello, how can we help?
                13/01/2024, 10:01 - +44 7700 900555: a table for two\u0000 tonight
                13/01/2024, 10:02 - +44 7700 900555: at 8pm please
                """,
                StandardCharsets.UTF_8);

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0777"), new ImportProgress());

        assertThat(summary.messages()).isEqualTo(3);
        assertThat(
                        count(
                                "select count(*) from message where channel = 'export' and conversation_id like '442079460777:%'"))
                .isEqualTo(3);
        assertThat(count("select count(*) from inbox where channel = 'export' and state in ('failed', 'dead')"))
                .isZero();
    }

    /**
     * Chunks are normalised as they are stored, in one transaction with their inbox row. When the database
     * refuses one of a chunk's messages (here a trigger standing in for any refusal), the chunk is still
     * stored, raw, for the pipeline's normaliser, the rest of the file is imported, and the summary says so;
     * once the cause is gone the normaliser stores the chunk's messages.
     */
    @Test
    void aChunkTheDatabaseRefusesToNormaliseIsKeptForTheNormaliserAndTheRestIsImported() throws IOException {
        Path file = dataDir.resolve("refused.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2 * ChunkWriter.CHUNK_SIZE; i++) { // two customers' lanes: one refused, one not
            lines.append("14/01/2024, 10:%02d - +44 7700 90%04d: %s%n"
                    .formatted(i % 60, 600 + i % (2 * ChunkWriter.LANE), i == 7 ? "refuse me" : "message " + i));
        }
        Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
        String conversations =
                "select count(*) from message where channel = 'export' and conversation_id like '442079460888:%'";
        jdbc.sql(
                        """
                        create function refuse_me() returns trigger language plpgsql as $$
                        begin
                            if new.text = 'refuse me' then raise exception 'refused'; end if;
                            return new;
                        end $$""")
                .update();
        jdbc.sql("create trigger refuse_me before insert on message for each row execute function refuse_me()")
                .update();
        ImportSummary summary;
        try {
            summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0888"), new ImportProgress());
        } finally {
            jdbc.sql("drop trigger refuse_me on message").update();
            jdbc.sql("drop function refuse_me()").update();
        }
        long refusedChunks =
                count("select count(*) from inbox where channel = 'export' and state in ('failed', 'dead')");
        long importedAtFirst = count(conversations);
        jdbc.sql("update inbox set next_attempt_at = now() where channel = 'export' and state = 'failed'")
                .update();

        assertThat(summary.messages()).isEqualTo(2 * ChunkWriter.CHUNK_SIZE);
        assertThat(summary.newMessages()).isEqualTo(2 * ChunkWriter.CHUNK_SIZE);
        assertThat(refusedChunks).isEqualTo(1);
        assertThat(summary.unreadable()).anySatisfy(line -> assertThat(line).contains("could not be normalised"));
        assertThat(importedAtFirst).isBetween(1L, 2L * ChunkWriter.CHUNK_SIZE - 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> { // the routes' normaliser may take it first
                            app.getBean(InboxNormaliser.class).drain();
                            assertThat(count(conversations)).isEqualTo(2 * ChunkWriter.CHUNK_SIZE);
                        });
        assertThat(count("select count(*) from inbox where channel = 'export' and state in ('failed', 'dead')"))
                .isZero();
    }

    /**
     * The importer inserts the messages it found not stored without a conflict check. One stored after it
     * looked (here: moved to another conversation, as a second import of the same file racing this one
     * would have stored it) makes the insert fail: the chunk is left to the normaliser, which stores the
     * others once and that one not again.
     */
    @Test
    void aMessageStoredAfterTheImporterLookedIsNotStoredTwiceAndTheRestOfItsChunkIsKept() throws IOException {
        Path file = dataDir.resolve("raced.txt");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("16/01/2024, 11:%02d - +44 7700 900444: message %d%n".formatted(i, i));
        }
        Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
        ImportRequest request = request(file, "Bella Pizza", "+44 20 7946 0444");
        String ours = "select count(*) from message where channel = 'export' and conversation_id like '442079460444:%'";
        importer.run(request, new ImportProgress());
        assertThat(count(ours)).isEqualTo(20);
        // the racing import's copy of message 7; the conversation then holds no imported message and the
        // chunk is not in the inbox, so the importer asks nothing and stores the chunk again
        jdbc.sql("update message set conversation_id = 'raced:elsewhere' where conversation_id like '442079460444:%' "
                        + "and text = 'message 7'")
                .update();
        jdbc.sql("delete from message where channel = 'export' and conversation_id like '442079460444:%'")
                .update();
        jdbc.sql(
                        "delete from inbox where channel = 'export' and convert_from(raw, 'UTF8') like '%\"text\":\"message 7\"%'")
                .update();

        ImportSummary again = importer.run(request, new ImportProgress());

        assertThat(again.unreadable())
                .as("the import's own normaliser pass stored the chunk")
                .isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> { // the routes' normaliser may take it first
                            app.getBean(InboxNormaliser.class).drain();
                            assertThat(count(ours)).isEqualTo(19);
                        });
        assertThat(count("select count(*) from message where channel = 'export' and text = 'message 7' "
                        + "and (conversation_id = 'raced:elsewhere' or conversation_id like '442079460444:%')"))
                .as("message 7, kept where the racing import stored it")
                .isEqualTo(1);
        assertThat(count("select count(*) from inbox where channel = 'export' and state <> 'normalised'"))
                .isZero();
    }

    @Test
    void tabsBackslashesAndLineBreaksInAMessageAreStoredAsWritten() throws IOException {
        Path file = dataDir.resolve("escapes.txt");
        Files.writeString(
                file,
                "15/01/2024, 10:00 - +44 7700 900777: path C:\\orders\\new\there\\N\n"
                        + "second line \\\\ end\n"
                        + "15/01/2024, 10:01 - Bella Pizza: \\N\n",
                StandardCharsets.UTF_8);

        importer.run(request(file, "Bella Pizza", "+44 20 7946 0999"), new ImportProgress());

        assertThat(jdbc.sql(
                                "select text from message where channel = 'export' and conversation_id like '442079460999:%'"
                                        + " order by sent_at")
                        .query(String.class)
                        .list())
                .containsExactly("path C:\\orders\\new\there\\N\nsecond line \\\\ end", "\\N");
    }

    /**
     * In a server, the {@code extract-records} route's live pass runs beside an import: while the import
     * runs it leaves export conversations to the import (which reads each in one pass), and takes them
     * again once the import is over.
     */
    @Test
    void whileAnImportRunsTheLivePassLeavesExportConversationsToIt() throws Exception {
        ConversationExtraction extraction = app.getBean(ConversationExtraction.class);
        ExportChunk.Message message = new ExportChunk.Message(
                "exp-held-1",
                "442079460555",
                "+442079460555",
                "447700900555",
                "+44 7700 900555",
                "in",
                "+44 7700 900555",
                "text",
                "a table for two tonight",
                null,
                "2024-01-16T10:00:00Z",
                1);
        String pending = "select pending_extraction from conversation where id = '442079460555:447700900555'";

        try (ConversationExtraction.Hold hold = extraction.holdExports()) {
            app.getBean(InboxStore.class)
                    .store(
                            ExportChunk.CHANNEL,
                            "application/json",
                            app.getBean(ObjectMapper.class)
                                    .writeValueAsBytes(
                                            new ExportChunk(ExportChunk.FORMAT, "held.txt", List.of(message))),
                            List.of());
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> { // the routes' normaliser may hold the row, and drain() then skips it
                                app.getBean(InboxNormaliser.class).drain();
                                assertThat(jdbc.sql(pending)
                                                .query(Boolean.class)
                                                .list())
                                        .containsExactly(true);
                            });
            extraction.drain();
            assertThat(jdbc.sql(pending).query(Boolean.class).single()).isTrue();
        }
        extraction.drain();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        jdbc.sql(pending).query(Boolean.class).single())
                .isFalse());
    }

    /**
     * An export shows authors as the phone names them on the day: saved as a contact between two exports,
     * the customer is "+44 7700 900123" in the first and "Ana" in the second. The messages the two share were
     * stored again, in a second conversation keyed by the name, with a second record for the booking.
     */
    @Test
    void aCustomerSavedAsAContactBetweenTwoExportsIsNotImportedTwice() throws IOException {
        Path before = dataDir.resolve("WhatsApp Chat with +44 7700 900123.txt");
        Files.writeString(
                before,
                """
                12/03/2024, 10:00 - +44 7700 900123: Hi, can I book a table for 4 on Friday?
                12/03/2024, 10:02 - Bella Pizza: Of course, 7pm?
                12/03/2024, 10:03 - +44 7700 900123: Perfect, thanks
                """);
        Path after = dataDir.resolve("WhatsApp Chat with Ana.txt");
        Files.writeString(
                after,
                """
                12/03/2024, 10:00 - Ana: Hi, can I book a table for 4 on Friday?
                12/03/2024, 10:02 - Bella Pizza: Of course, 7pm?
                12/03/2024, 10:03 - Ana: Perfect, thanks
                14/03/2024, 18:00 - Ana: Running 10 minutes late
                14/03/2024, 18:01 - Bella Pizza: No problem
                """);
        importer.run(request(before, "Bella Pizza", "+44 20 7946 0020"), new ImportProgress());

        ImportSummary second = importer.run(request(after, "Bella Pizza", "+44 20 7946 0020"), new ImportProgress());

        assertThat(second.messages()).isEqualTo(5);
        assertThat(second.newMessages()).isEqualTo(2);
        assertThat(jdbc.sql("select conversation_id, count(*) from message where channel = 'export' and "
                                + "conversation_id like '442079460020:%' group by conversation_id")
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactly("442079460020:447700900123=5");
        assertThat(count("select count(*) from record r join conversation c on c.id = r.conversation_id "
                        + "where c.phone_number_id = '442079460020'"))
                .isEqualTo(1);
        assertThat(second.continued())
                .singleElement(as(STRING))
                .startsWith("WhatsApp Chat with Ana.txt: continues conversation ")
                .doesNotContain("447700900123");
    }

    /**
     * A customer who only ever sent photos and voice notes has no text to be found by: saved as a contact
     * between two exports, their chat was stored again beside the first, with every message the two share.
     */
    @Test
    void aCustomerWhoOnlySendsMediaSavedAsAContactBetweenTwoExportsIsNotImportedTwice() throws IOException {
        String shared =
                """
                12/03/2024, 10:00 - %1$s: <Media omitted>
                12/03/2024, 10:02 - Bella Pizza: Lovely photo! A cake like that for Saturday?
                12/03/2024, 10:05 - %1$s: <Media omitted>
                12/03/2024, 10:06 - Bella Pizza: Perfect, see you Saturday
                """;
        Path before = Files.createDirectories(dataDir.resolve("media-before"))
                .resolve("WhatsApp Chat with +44 7700 900126.txt");
        Files.writeString(before, shared.formatted("+44 7700 900126"));
        Path after = Files.createDirectories(dataDir.resolve("media-after")).resolve("WhatsApp Chat with Mia.txt");
        Files.writeString(
                after,
                shared.formatted("Mia")
                        + """
                        14/03/2024, 18:00 - Mia: <Media omitted>
                        14/03/2024, 18:01 - Bella Pizza: Thanks!
                        """);
        importer.run(request(before, "Bella Pizza", "+44 20 7946 0025"), new ImportProgress());

        ImportSummary second = importer.run(request(after, "Bella Pizza", "+44 20 7946 0025"), new ImportProgress());

        assertThat(second.newMessages()).isEqualTo(2);
        assertThat(jdbc.sql("select conversation_id, count(*) from message where channel = 'export' and "
                                + "conversation_id like '442079460025:%' group by conversation_id")
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactly("442079460025:447700900126=6");
        assertThat(second.continued())
                .singleElement(as(STRING))
                .startsWith("WhatsApp Chat with Mia.txt: continues conversation ");
    }

    /** The same in a group: a member who only sends media goes on in their conversation too. */
    @Test
    void aGroupMemberWhoOnlySendsMediaSavedAsAContactBetweenTwoExportsIsNotImportedTwice() throws IOException {
        String shared =
                """
                12/03/2024, 10:00 - Ben: Who has the photos from Friday?
                12/03/2024, 10:01 - %1$s: <Media omitted>
                12/03/2024, 10:02 - Ben: Thanks!
                12/03/2024, 10:03 - %1$s: <Media omitted>
                12/03/2024, 10:04 - Bella Pizza: Great evening, come again
                """;
        Path before =
                Files.createDirectories(dataDir.resolve("media-group-before")).resolve("WhatsApp Chat with Quiz.txt");
        Files.writeString(before, shared.formatted("+44 7700 900143"));
        Path after =
                Files.createDirectories(dataDir.resolve("media-group-after")).resolve("WhatsApp Chat with Quiz.txt");
        Files.writeString(after, shared.formatted("Cleo") + "14/03/2024, 18:00 - Cleo: <Media omitted>\n");
        importer.run(request(before, "Bella Pizza", "+44 20 7946 0026"), new ImportProgress());

        ImportSummary second = importer.run(request(after, "Bella Pizza", "+44 20 7946 0026"), new ImportProgress());

        assertThat(second.newMessages()).isEqualTo(1);
        assertThat(count("select count(distinct conversation_id) from message where channel = 'export' and "
                        + "conversation_id like '442079460026:%'"))
                .isEqualTo(2);
        assertThat(second.continued())
                .singleElement(as(STRING))
                .startsWith("a member of WhatsApp Chat with Quiz.txt: continues conversation ");
    }

    /**
     * A photo is matched by its minute, so a minute is no proof either: a new customer whose photos fall at
     * the minutes of a stored customer's texts, after the business's broadcasts, is a conversation of their
     * own.
     */
    @Test
    void aNewCustomersMediaAtTheMinutesOfAnotherChatsTextsContinueNothing() throws IOException {
        Path sam = dataDir.resolve("WhatsApp Chat with +44 7700 900132.txt");
        Files.writeString(
                sam,
                BROADCASTS + "08/12/2024, 10:05 - +44 7700 900132: A table for 2 please\n"
                        + "08/12/2024, 10:06 - +44 7700 900132: At 8\n");
        Path zoe = dataDir.resolve("WhatsApp Chat with Zoey.txt");
        Files.writeString(
                zoe,
                BROADCASTS + "08/12/2024, 10:05 - Zoey: <Media omitted>\n"
                        + "08/12/2024, 10:06 - Zoey: <Media omitted>\n");
        importer.run(request(sam, "Bella Pizza", "+44 20 7946 0027"), new ImportProgress());

        ImportSummary second = importer.run(request(zoe, "Bella Pizza", "+44 20 7946 0027"), new ImportProgress());

        assertThat(second.continued()).isEmpty();
        assertThat(second.newMessages()).isEqualTo(4);
    }

    /**
     * A business that first took webhooks and then imports its older chats: a customer who wrote through
     * the webhook has a conversation already (channel {@code whatsapp}), and the import's records there are
     * the import's too. The summary counted only records in conversations created by an import.
     */
    @Test
    void recordsTheImportMakesInAConversationAWebhookStartedAreInItsSummary() throws IOException {
        jdbc.sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id)
                        values ('442079460024:447700900151', 'whatsapp', '442079460024', '447700900151')""")
                .update();
        Path file = dataDir.resolve("WhatsApp Chat with +44 7700 900151.txt");
        Files.writeString(file, "12/03/2024, 10:00 - +44 7700 900151: Can I book a table for two?\n");

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0024"), new ImportProgress());

        assertThat(count("select count(*) from record where conversation_id = '442079460024:447700900151'"))
                .isEqualTo(1);
        assertThat(summary.recordsByType()).containsExactly(Map.entry("note", 1L));
    }

    /**
     * A number on the Cloud API and the WhatsApp Business app at once (Meta's "coexistence") gets each
     * message by webhook as it arrives and again in the chat's export. The export's copies have ids of their
     * own: each was stored a second time, and the booking in them became a second record.
     */
    @Test
    void messagesTheWebhookStoredAreNotImportedAgainFromTheChatsExport() throws IOException {
        String customer = "447700900170";
        String conversation = Webhooks.PHONE_NUMBER_ID + ":" + customer;
        long at = java.time.Instant.parse("2024-03-14T18:02:41Z").getEpochSecond(); // London is on GMT
        receive(
                Webhooks.textMessage("wamid.tw1", customer, "Ana", at, "Can I book a table for two tomorrow?"),
                Webhooks.textMessage("wamid.tw2", customer, "Ana", at + 24, "ok"),
                Webhooks.textMessage("wamid.tw3", customer, "Ana", at + 69, "ok"),
                Webhooks.imageMessage("wamid.tw4", customer, "Ana", at + 138, "our usual  table please", "m-tw4"));
        await().atMost(Duration.ofSeconds(20)).until(() -> recordsIn(conversation) == 1);
        Path file = dataDir.resolve("WhatsApp Chat with +44 7700 900170.txt");
        Files.writeString(
                file,
                """
                10/03/2024, 09:00 - +44 7700 900170: Hello, do you do birthday cakes?
                10/03/2024, 09:05 - Bella Pizza: Yes we do
                14/03/2024, 18:02 - +44 7700 900170: Can I book a table for two tomorrow?
                14/03/2024, 18:03 - +44 7700 900170: ok
                14/03/2024, 18:03 - +44 7700 900170: ok
                14/03/2024, 18:03 - +44 7700 900170: ok
                14/03/2024, 18:05 - +44 7700 900170: IMG-20240314-WA0001.jpg (file attached)
                our usual table please
                14/03/2024, 18:06 - Bella Pizza: Booked for two tomorrow at 8
                """);
        ImportRequest request = request(file, "Bella Pizza", "+" + Webhooks.PHONE_NUMBER_ID);

        ImportSummary first = importer.run(request, new ImportProgress());
        ImportSummary again = importer.run(request, new ImportProgress());

        // the earlier two, the third "ok" and the business's answer from the app
        assertThat(first.newMessages()).isEqualTo(4);
        assertThat(first.receivedBefore()).isEqualTo(4);
        assertThat(count("select count(*) from message where conversation_id = '" + conversation + "'"))
                .isEqualTo(8);
        assertThat(count("select count(*) from message where conversation_id = '" + conversation
                        + "' and channel = 'export' and text = 'ok' and sent_at = '2024-03-14T18:03:00Z'"))
                .isEqualTo(1);
        assertThat(recordsIn(conversation)).isEqualTo(1);
        assertThat(again.newMessages()).isZero();
        assertThat(again.receivedBefore()).isEqualTo(4);
        assertThat(count("select count(*) from message where conversation_id = '" + conversation + "'"))
                .isEqualTo(8);
    }

    /**
     * The other way round: the chat was exported and imported while its webhooks still waited to be
     * delivered (Meta retries for days; the command-line import runs while the server is stopped). The
     * late webhook's copy was stored beside the export's and started a second record.
     */
    @Test
    void aWebhookDeliveredAfterItsMessageWasImportedDoesNotStoreItTwice() throws IOException {
        String customer = "447700900171";
        String conversation = Webhooks.PHONE_NUMBER_ID + ":" + customer;
        Path file = dataDir.resolve("WhatsApp Chat with +44 7700 900171.txt");
        Files.writeString(
                file,
                """
                15/03/2024, 12:00 - +44 7700 900171: Could I book a table for six on Saturday?
                15/03/2024, 12:00 - +44 7700 900171: thanks
                15/03/2024, 12:00 - +44 7700 900171: \uD83D\uDC4D
                15/03/2024, 12:01 - Bella Pizza: Of course
                """);
        assertThat(importer.run(request(file, "Bella Pizza", "+" + Webhooks.PHONE_NUMBER_ID), new ImportProgress())
                        .newMessages())
                .isEqualTo(4);
        assertThat(recordsIn(conversation)).isEqualTo(1);
        long noon = java.time.Instant.parse("2024-03-15T12:00:00Z").getEpochSecond(); // London is on GMT
        receive(
                Webhooks.textMessage(
                        "wamid.late1", customer, "Ana", noon + 37, "Could I book a table for six on Saturday?"),
                // Meta's next try at the same message: the inbox keeps both payloads (their bytes differ)
                Webhooks.textMessage(
                        "wamid.late1", customer, "Ana L", noon + 37, "Could I book a table for six on Saturday?"),
                Webhooks.textMessage("wamid.late2", customer, "Ana", noon + 50, "thanks"),
                Webhooks.textMessage("wamid.late3", customer, "Ana", noon + 55, "thanks"), // the export has one
                // a reaction is no message of the export, whatever its emoji
                Webhooks.reactionMessage("wamid.late5", customer, "Ana", noon + 45, "wamid.late1", "\uD83D\uDC4D"),
                Webhooks.textMessage("wamid.late4", customer, "Ana", noon + 300, "See you then"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from inbox where channel = 'whatsapp' and state <> 'normalised'"
                                + " and convert_from(raw, 'UTF8') like '%wamid.late%'")
                        == 0);

        assertThat(jdbc.sql("select coalesce(external_id, '') from message where conversation_id = ?"
                                + " and channel = 'whatsapp' order by sent_at")
                        .param(conversation)
                        .query(String.class)
                        .list())
                .containsExactly("wamid.late5", "wamid.late3", "wamid.late4");
        assertThat(jdbc.sql("select received_as from message where conversation_id = ? and channel = 'export'"
                                + " and received_as is not null order by sent_at, text")
                        .param(conversation)
                        .query(String.class)
                        .list())
                .containsExactly("wamid.late1", "wamid.late2");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> recordsIn(conversation) == 1);
    }

    /**
     * On a number on the Cloud API and the WhatsApp Business app at once, the export shows a customer saved
     * as a contact by name, while the webhook keyed their conversation by the number: the whole chat went
     * into a conversation of its own beside the webhook's, with the messages both hold stored twice.
     */
    @Test
    void aChatThatShowsTheCustomerByNameContinuesTheConversationTheWebhookKeptByNumber() throws IOException {
        String customer = "447700900172";
        String conversation = Webhooks.PHONE_NUMBER_ID + ":" + customer;
        long at = java.time.Instant.parse("2024-03-16T11:30:12Z").getEpochSecond(); // London is on GMT
        receive(
                Webhooks.textMessage("wamid.mr1", customer, "Maria", at, "Hi, can I book for Sunday lunch?"),
                Webhooks.textMessage("wamid.mr2", customer, "Maria", at + 88, "4 of us"));
        await().atMost(Duration.ofSeconds(20)).until(() -> recordsIn(conversation) == 1);
        Path file = dataDir.resolve("WhatsApp Chat with Maria.txt");
        Files.writeString(
                file,
                """
                01/02/2024, 09:00 - Maria: Do you open on Mondays?
                01/02/2024, 09:02 - Bella Pizza: Yes, from 5pm
                16/03/2024, 11:30 - Maria: Hi, can I book for Sunday lunch?
                16/03/2024, 11:31 - Maria: 4 of us
                16/03/2024, 11:33 - Bella Pizza: See you Sunday
                """);

        ImportSummary summary =
                importer.run(request(file, "Bella Pizza", "+" + Webhooks.PHONE_NUMBER_ID), new ImportProgress());

        assertThat(summary.continued())
                .singleElement(as(STRING))
                .startsWith("WhatsApp Chat with Maria.txt: continues conversation ")
                .contains("received through the WhatsApp Cloud API")
                .doesNotContain(customer);
        assertThat(summary.newMessages()).isEqualTo(3);
        assertThat(summary.receivedBefore()).isEqualTo(2);
        assertThat(jdbc.sql("select conversation_id from message where text = 'Do you open on Mondays?'")
                        .query(String.class)
                        .list())
                .containsExactly(conversation);
        assertThat(count("select count(*) from message where conversation_id = '" + conversation + "'"))
                .isEqualTo(5);
        assertThat(recordsIn(conversation)).isEqualTo(1);
    }

    /**
     * Marking an imported message as the twin of a late webhook updates its row. Taken before the
     * conversation's lock, that row lock deadlocked with an extraction, which locks the conversation first
     * and then marks the same row extracted: PostgreSQL aborted the normaliser after its deadlock timeout,
     * and the payload waited for a retry.
     */
    @Test
    void aLateWebhookTakesTheConversationBeforeTheImportedMessageItMarks() throws Exception {
        String customer = "447700900173";
        String conversation = Webhooks.PHONE_NUMBER_ID + ":" + customer;
        Path file = dataDir.resolve("WhatsApp Chat with +44 7700 900173.txt");
        Files.writeString(file, "17/03/2024, 09:00 - +44 7700 900173: Table for two tonight please?\n");
        importer.run(request(file, "Bella Pizza", "+" + Webhooks.PHONE_NUMBER_ID), new ImportProgress());
        long imported = jdbc.sql("select id from message where conversation_id = ? and channel = 'export'")
                .param(conversation)
                .query(Long.class)
                .single();
        long at = java.time.Instant.parse("2024-03-17T09:00:30Z").getEpochSecond(); // London is on GMT

        try (java.sql.Connection extraction =
                app.getBean(javax.sql.DataSource.class).getConnection()) {
            extraction.setAutoCommit(false);
            try (var statement = extraction.createStatement()) {
                // as extraction does: the conversation first …
                statement.execute("select id from conversation where id = '" + conversation + "' for update");
                // one payload: the late twin, and a message the export does not hold (Meta batches them)
                receive(oneEnvelope(
                        Webhooks.textMessage("wamid.lock1", customer, "Ana", at, "Table for two tonight please?"),
                        Webhooks.textMessage("wamid.lock2", customer, "Ana", at + 40, "At 8 if you can")));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> jdbc.sql("select exists (select 1 from pg_locks where not granted)")
                                .query(Boolean.class)
                                .single());
                // … then its messages
                statement.executeUpdate("update message set extracted = true where id = " + imported);
            }
            extraction.commit();
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("select count(*) from inbox where convert_from(raw, 'UTF8') like '%wamid.lock1%'"
                                + " and state = 'normalised'")
                        == 1);
        assertThat(jdbc.sql("select attempts || ' ' || coalesce(last_error, '-') from inbox"
                                + " where convert_from(raw, 'UTF8') like '%wamid.lock1%'")
                        .query(String.class)
                        .single())
                .isEqualTo("0 -");
        assertThat(jdbc.sql("select received_as from message where id = ?")
                        .param(imported)
                        .query(String.class)
                        .single())
                .isEqualTo("wamid.lock1");
        assertThat(jdbc.sql("select external_id from message where conversation_id = ? and channel = 'whatsapp'")
                        .param(conversation)
                        .query(String.class)
                        .list())
                .containsExactly("wamid.lock2");
    }

    /** The messages of several webhooks in one envelope, as Meta sends a burst. */
    private static byte[] oneEnvelope(byte[]... payloads) throws IOException {
        ObjectMapper json = new ObjectMapper();
        var first = json.readTree(payloads[0]);
        var messages = (com.fasterxml.jackson.databind.node.ArrayNode) first.at("/entry/0/changes/0/value/messages");
        for (int i = 1; i < payloads.length; i++) {
            json.readTree(payloads[i]).at("/entry/0/changes/0/value/messages").forEach(messages::add);
        }
        return json.writeValueAsBytes(first);
    }

    /** In a group chat, each member is a conversation: a member saved as a contact goes on in theirs. */
    @Test
    void aGroupMemberSavedAsAContactBetweenTwoExportsIsNotImportedTwice() throws IOException {
        String shared =
                """
                12/03/2024, 09:59 - Bella Pizza: Welcome to the Book Club group!
                12/03/2024, 10:00 - %1$s: Hi, can we book the back room for 12 on Friday?
                12/03/2024, 10:01 - Ben: I'll bring the cake
                12/03/2024, 10:02 - Bella Pizza: Of course, 7pm?
                12/03/2024, 10:03 - %1$s: Perfect, thanks
                12/03/2024, 10:04 - Ben: See you all then
                12/03/2024, 10:05 - Ben: Bring napkins
                12/03/2024, 10:06 - Ben: And candles
                """;
        Path before =
                Files.createDirectories(dataDir.resolve("group-before")).resolve("WhatsApp Chat with Book Club.txt");
        Files.writeString(before, shared.formatted("+44 7700 900141"));
        Path after =
                Files.createDirectories(dataDir.resolve("group-after")).resolve("WhatsApp Chat with Book Club.txt");
        Files.writeString(
                after,
                shared.formatted("Ana")
                        + """
                        14/03/2024, 18:00 - Ana: Running 10 minutes late
                        14/03/2024, 18:01 - Bella Pizza: No problem
                        """);
        importer.run(request(before, "Bella Pizza", "+44 20 7946 0023"), new ImportProgress());

        ImportSummary second = importer.run(request(after, "Bella Pizza", "+44 20 7946 0023"), new ImportProgress());

        // the welcome, written before any member, goes to the busiest member (Ben) both times: reading the
        // members' first messages to find their conversations must not move who the business answers
        assertThat(second.messages()).isEqualTo(10);
        assertThat(second.newMessages()).isEqualTo(2);
        assertThat(jdbc.sql("select conversation_id from message where channel = 'export' and "
                                + "conversation_id like '442079460023:%' and text = 'Running 10 minutes late'")
                        .query(String.class)
                        .single())
                .isEqualTo("442079460023:447700900141");
        assertThat(count("select count(distinct conversation_id) from message where channel = 'export' and "
                        + "conversation_id like '442079460023:%'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from record r join conversation c on c.id = r.conversation_id "
                        + "where c.phone_number_id = '442079460023'"))
                .isEqualTo(1);
        assertThat(second.continued())
                .singleElement(as(STRING))
                .startsWith("a member of WhatsApp Chat with Book Club.txt: continues conversation ")
                .doesNotContain("Ana");
    }

    /**
     * A business's broadcast puts the same text at the same minute in every customer's chat: a new
     * customer's export that starts with two of them is not another customer's conversation.
     */
    @Test
    void aChatThatSharesOnlyTheBusinessesBroadcastsWithAStoredOneIsAConversationOfItsOwn() throws IOException {
        Path sam = dataDir.resolve("WhatsApp Chat with +44 7700 900131.txt");
        Files.writeString(sam, BROADCASTS + "08/12/2024, 10:05 - +44 7700 900131: Lovely, a table for 2 please\n");
        Path zoe = dataDir.resolve("WhatsApp Chat with Zoe.txt");
        Files.writeString(zoe, BROADCASTS + "08/12/2024, 11:00 - Zoe: Do you deliver?\n");
        importer.run(request(sam, "Bella Pizza", "+44 20 7946 0021"), new ImportProgress());

        ImportSummary second = importer.run(request(zoe, "Bella Pizza", "+44 20 7946 0021"), new ImportProgress());

        assertThat(second.continued()).isEmpty();
        assertThat(second.newMessages()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from message where channel = 'export' and "
                                + "conversation_id like '442079460021:%' group by conversation_id order by 1")
                        .query(Long.class)
                        .list())
                .containsExactly(3L, 3L);
    }

    /**
     * A conversation imported before V100 holds ids that hash the authors' names: the importer goes on
     * giving it such ids, so importing its exports again still adds nothing.
     */
    @Test
    void aConversationImportedBeforeV100KeepsItsIdsByAuthor() throws IOException {
        String conversation = "442079460022:447700900124";
        jdbc.sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id, export_ids_by_author)
                        values (?, 'export', '442079460022', '447700900124', true)""")
                .param(conversation)
                .update();
        Path file = dataDir.resolve("WhatsApp Chat with +44 7700 900124.txt");
        Files.writeString(file, "12/03/2024, 10:00 - +44 7700 900124: Hi there\n");

        ImportSummary first = importer.run(request(file, "Bella Pizza", "+44 20 7946 0022"), new ImportProgress());
        ImportSummary again = importer.run(request(file, "Bella Pizza", "+44 20 7946 0022"), new ImportProgress());

        ExportMessage hi = new ExportMessage(
                1, LocalDateTime.parse("2024-03-12T10:00"), "+44 7700 900124", "Hi there", "text", null, false, false);
        assertThat(first.newMessages()).isEqualTo(1);
        assertThat(again.newMessages()).isZero();
        assertThat(jdbc.sql("select external_id from message where conversation_id = ?")
                        .param(conversation)
                        .query(String.class)
                        .single())
                .isEqualTo(new MessageIds(c -> true).next(conversation, hi, false))
                .isNotEqualTo(new MessageIds().next(conversation, hi, false));
    }

    /** The night the clocks go back, 01:30 comes twice: the same text in each was stored once and counted twice. */
    @Test
    void aMessageRepeatedWhenTheClocksGoBackIsStoredTwice() throws IOException {
        Path file = dataDir.resolve("clocks-go-back.txt");
        Files.writeString(
                file,
                """
                10/27/24, 1:30 AM - Sam: ok
                10/27/24, 1:45 AM - Sam: on my way
                10/27/24, 1:30 AM - Sam: ok
                10/27/24, 1:31 AM - Bella Pizza: see you
                """);

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0007"), new ImportProgress());

        assertThat(summary.newMessages()).isEqualTo(4);
        assertThat(
                        count(
                                "select count(*) from message where channel = 'export' and conversation_id like '442079460007:%'"))
                .isEqualTo(4);
        // after the clocks went back (02:00 BST is 01:00 GMT), 1:30 and 1:31 are GMT: stored in file order
        assertThat(jdbc.sql(
                                """
                                select text || ' ' || to_char(sent_at at time zone 'UTC', 'HH24:MI') from message
                                where channel = 'export' and conversation_id like '442079460007:%'
                                order by sent_at, id""")
                        .query(String.class)
                        .list())
                .containsExactly("ok 00:30", "on my way 00:45", "ok 01:30", "see you 01:31");
    }

    @Test
    void aDryRunWritesNothing() throws IOException {
        long before = count("select count(*) from inbox");
        ImportRequest dry = new ImportRequest(
                OWN.resolve("ios-group-lrm.txt"),
                "+1 555 0100",
                null,
                null,
                Locale.UK,
                ZoneId.of("Europe/London"),
                null,
                true);

        ImportSummary summary = importer.run(dry, new ImportProgress());

        assertThat(summary.messages()).isEqualTo(8);
        assertThat(count("select count(*) from inbox")).isEqualTo(before);
    }

    @Test
    void theApiTakesAnUploadAndReportsTheJobUntilDone() {
        RestClient api = adminApi();
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(OWN.resolve("android-us-crlf-nnbsp.txt")));
        form.add("businessNumber", "+44 20 7946 0009");
        form.add("businessAuthor", "Bella Pizza");

        ResponseEntity<Map> started = api.post()
                .uri("/api/imports")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form)
                .retrieve()
                .toEntity(Map.class);
        String id = (String) started.getBody().get("id");

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        api.get().uri("/api/imports/{id}", id).retrieve().body(Map.class))
                .containsEntry("state", "done"));
        Map<?, ?> summary = (Map<?, ?>) api.get()
                .uri("/api/imports/{id}", id)
                .retrieve()
                .body(Map.class)
                .get("summary");
        assertThat(summary.get("messages")).isEqualTo(7);
        assertThat(summary.get("newMessages")).isEqualTo(7);
        assertThat(summary.get("files")).isEqualTo(List.of("android-us-crlf-nnbsp.txt"));
        assertThat((String) summary.get("businessDecision"))
                .contains("given with businessAuthor")
                .doesNotContain("--");
    }

    /** An imported chunk lists no item per message; the API still finds the chunk a message came in. */
    @Test
    void theApiShowsTheStoredChunkAnImportedMessageCameIn() throws IOException {
        importer.run(
                request(OWN.resolve("android-bookings-corrections.txt"), "Bella Pizza", "+44 20 7946 0008"),
                new ImportProgress());
        String messageId = jdbc.sql(
                        """
                        select external_id from message where channel = 'export'
                            and conversation_id like '442079460008:%' and text like 'Make it 6 people%'""")
                .query(String.class)
                .single();
        RestClient api = adminApi();

        Map<?, ?> entry = api.get()
                .uri("/api/inbox/{id}?channel=export", messageId)
                .retrieve()
                .body(Map.class);

        assertThat(count("select count(*) from inbox_item where channel = 'export'"))
                .isZero();
        assertThat(entry.get("channel")).isEqualTo("export");
        assertThat((String) entry.get("rawPayload")).contains(messageId).contains("Make it 6 people");
    }

    /**
     * An Error while extracting (here the test extractor's OutOfMemoryError) ended the drain threads
     * without a word: {@code finish()} saw no failure and the import reported success without the records.
     */
    @Test
    void anErrorWhileExtractingFailsTheImport() throws IOException {
        Path file = exhausting("exhausting.txt");
        ImportProgress progress = new ImportProgress();

        try {
            assertThatThrownBy(() -> importer.run(request(file, "Bella Pizza", "+44 20 7946 0321"), progress))
                    .isInstanceOf(OutOfMemoryError.class);
        } finally {
            leaveAlone("442079460321");
        }
        assertThat(progress.phase()).isEqualTo(ImportProgress.Phase.FAILED);
    }

    /**
     * The job of an import that stopped on an Error was left "running" (only IOException and
     * RuntimeException were caught) and its upload removed, so not even a restart marked it failed.
     */
    @Test
    void anErrorWhileExtractingMarksTheApiJobFailed() throws IOException {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(exhausting("exhausting-api.txt")));
        form.add("businessNumber", "+44 20 7946 0322");
        form.add("businessAuthor", "Bella Pizza");
        RestClient api = adminApi();

        try {
            String id = (String) api.post()
                    .uri("/api/imports")
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form)
                    .retrieve()
                    .body(Map.class)
                    .get("id");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                            api.get().uri("/api/imports/{id}", id).retrieve().body(Map.class))
                    .containsEntry("state", "failed")
                    .hasEntrySatisfying(
                            "error", error -> assertThat((String) error).contains("OutOfMemoryError")));
        } finally {
            leaveAlone("442079460322");
        }
    }

    /** An export whose customer message makes the test extractor throw OutOfMemoryError. */
    private static Path exhausting(String name) throws IOException {
        Path file = dataDir.resolve(name);
        Files.writeString(
                file,
                """
                17/01/2024, 10:00 - +44 7700 900321: book a table, exhaust
                17/01/2024, 10:01 - Bella Pizza: Sure
                """,
                StandardCharsets.UTF_8);
        return file;
    }

    /** The live pass and later imports leave the conversations of this business number alone. */
    private static void leaveAlone(String businessDigits) {
        jdbc.sql("update conversation set pending_extraction = false where channel = 'export' and id like ?")
                .param(businessDigits + ":%")
                .update();
    }

    /** A job queued or running when the server stopped showed "running" for ever, its upload kept. */
    @Test
    void aJobLeftUnfinishedByAStoppedServerIsReportedFailedAndItsUploadRemoved() throws IOException {
        ImportJobs jobs = app.getBean(ImportJobs.class);
        Path upload =
                dataDir.resolve("imports").resolve("left-by-a-stopped-server").resolve("chat.txt");
        Files.createDirectories(upload.getParent());
        Files.writeString(upload, "12/03/2024, 10:00 - Sam: hi\n");
        jdbc.sql(
                        "insert into import_job (id, state, source) values ('left-by-a-stopped-server', 'running', 'chat.txt')")
                .update();

        jobs.failUnfinished();

        assertThat(jobs.status("left-by-a-stopped-server")).hasValueSatisfying(job -> {
            assertThat(job.state()).isEqualTo("failed");
            assertThat(job.error()).contains("upload the file again");
        });
        assertThat(upload.getParent()).doesNotExist();
    }

    /** A file saved again in Windows' "ANSI" encoding: imported, and the summary says why é became �. */
    @Test
    void aFileThatIsNotUtf8IsImportedAndTheSummarySaysSo() throws IOException {
        Path file = dataDir.resolve("WhatsApp Chat with Zoé.txt");
        Files.write(
                file,
                "12/03/2024, 10:00 - Sam: Caf\u00e9 at 10?\n12/03/2024, 10:01 - Bella Pizza: Yes\n"
                        .getBytes(java.nio.charset.Charset.forName("windows-1252")));

        ImportSummary summary = importer.run(request(file, "Bella Pizza", "+44 20 7946 0017"), new ImportProgress());

        assertThat(summary.messages()).isEqualTo(2);
        assertThat(summary.unreadableLines()).isZero();
        assertThat(summary.unreadable())
                .singleElement(as(STRING))
                .contains("WhatsApp Chat with Zoé.txt: 1 line(s)")
                .contains("not UTF-8 (line 1)");
    }

    @Test
    void theApiSaysWhatIsWrongWithARequest() {
        RestClient api = adminApi();
        MultiValueMap<String, Object> badZone = new LinkedMultiValueMap<>();
        badZone.add("file", new FileSystemResource(OWN.resolve("android-us-crlf-nnbsp.txt")));
        badZone.add("zone", "Mars/Base");
        MultiValueMap<String, Object> noFile = new LinkedMultiValueMap<>();
        noFile.add("businessNumber", "+44 20 7946 0009");

        for (var form : List.of(badZone, noFile)) {
            ResponseEntity<String> refused = api.post()
                    .uri("/api/imports")
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form)
                    .exchange(TestApplication::withBody);

            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getBody()).contains(form == badZone ? "Mars/Base" : "'file'");
        }
        ResponseEntity<String> unknown =
                api.get().uri("/api/imports/no-such-job").exchange(TestApplication::withBody);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("import no-such-job");
    }

    @Test
    void theApiNeedsTheAdmin() {
        RestClient anonymous = RestClient.create("http://localhost:" + TestApplication.port(app));

        int status = anonymous.get().uri("/api/imports/x").exchange((request, response) -> response.getStatusCode()
                .value());

        assertThat(status).isEqualTo(401);
    }

    private static RestClient adminApi() {
        return TestApplication.adminApi(app);
    }

    private static ImportRequest request(Path file, String businessAuthor, String businessNumber) {
        return new ImportRequest(
                file, businessNumber, businessAuthor, null, Locale.UK, ZoneId.of("Europe/London"), null, false);
    }

    /** Posts signed webhooks as Meta would, each acknowledged. */
    private static void receive(byte[]... bodies) {
        Webhooks webhooks = new Webhooks(TestApplication.port(app));
        for (byte[] body : bodies) {
            assertThat(webhooks.post(body).statusCode()).isEqualTo(200);
        }
    }

    private static long recordsIn(String conversation) {
        return jdbc.sql("select count(*) from record where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    private static long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(bytes);
        zip.closeEntry();
    }
}
