package io.chatbridge.web.console.ops.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaygroundTests {

    private static final String CHAT =
            """
            Ana: Hi, I would like to book a table for 8 people on 14 December at 7pm
            Business: Of course! Under which name?
            Ana: name is Ana Souza
            """;

    private static TestDatabase db;

    @TempDir
    Path dir;

    private Playground playground;

    @BeforeAll
    static void database() {
        db = new TestDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void playground() {
        EditableMappings mappings = new EditableMappings(dir, db);
        playground = new Playground(
                mappings.registry,
                mappings.files,
                new StoredConversations(db.jdbc),
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void pastedLinesBecomeARecordFieldByFieldWithTheWordsEachCameFrom() {
        Playground.Outcome outcome = playground.run(pasted(CHAT));

        assertThat(outcome.error()).isNull();
        assertThat(outcome.messages()).hasSize(3);
        assertThat(outcome.messages().get(1).fromBusiness()).isTrue();
        Playground.DraftView booking = outcome.drafts().get(0);
        assertThat(booking.type()).isEqualTo("booking");
        assertThat(booking.fields())
                .anySatisfy(f -> {
                    assertThat(f.field()).isEqualTo("guests");
                    assertThat(f.value()).isEqualTo("8");
                    assertThat(f.span()).contains("8");
                    assertThat(f.messageId()).isEqualTo("line-1");
                    assertThat(f.confidence()).isBetween(0.1, 1.0);
                })
                .anySatisfy(f -> {
                    assertThat(f.field()).isEqualTo("customer_name");
                    assertThat(f.value()).isEqualTo("Ana Souza");
                    assertThat(f.messageId()).isEqualTo("line-3");
                })
                .anySatisfy(f -> assertThat(f.field()).isEqualTo("event_date").satisfies(x -> assertThat(f.value())
                        .isEqualTo("2026-12-14")));
    }

    @Test
    void readsAChatExportWithTheImportersParser() {
        String export =
                """
                [20/11/2026, 09:15:03] Ana: Hi, I would like to book a table for 8 people on 14 December at 7pm
                [20/11/2026, 09:16:10] Bella Pizza: Of course! Under which name?
                [20/11/2026, 09:17:00] Ana: name is Ana Souza
                """;

        Playground.Outcome outcome =
                playground.run(new Playground.Request(false, export, "Bella Pizza", null, false, null, null));

        assertThat(outcome.messages()).hasSize(3);
        assertThat(outcome.messages().get(1).fromBusiness()).isTrue();
        assertThat(outcome.messages().get(0).timestamp()).isEqualTo(Instant.parse("2026-11-20T09:15:03Z"));
        assertThat(outcome.drafts()).singleElement().satisfies(d -> assertThat(d.type())
                .isEqualTo("booking"));
    }

    @Test
    void theUnsavedEditorTextIsWhatRuns() throws Exception {
        String booking = Files.readString(dir.resolve("booking.yaml"));
        String withArea = booking.replaceFirst(
                "(?m)^fields:$", "fields:\n  area:\n    type: text\n    values:\n      terrace: [terrace, outside]\n");
        String chat = "Ana: book a table for 4 people on 14 December on the terrace please";

        Playground.Outcome saved = playground.run(pasted(chat));
        Playground.Outcome edited =
                playground.run(new Playground.Request(false, chat, "Business", null, true, "booking.yaml", withArea));

        assertThat(saved.drafts()).singleElement().satisfies(d -> assertThat(d.fields())
                .noneMatch(f -> f.field().equals("area")));
        assertThat(edited.error()).isNull();
        assertThat(edited.drafts()).singleElement().satisfies(d -> assertThat(d.fields())
                .anySatisfy(f -> assertThat(f.field() + "=" + f.value()).isEqualTo("area=terrace")));
        assertThat(Files.readString(dir.resolve("booking.yaml"))).isEqualTo(booking);
    }

    @Test
    void editorTextWithProblemsRunsNothingAndSaysWhy() {
        Playground.Outcome outcome = playground.run(
                new Playground.Request(false, CHAT, "Business", null, true, "booking.yaml", "type: [oops"));

        assertThat(outcome.error()).contains("problems");
        assertThat(outcome.problems()).isNotEmpty();
        assertThat(outcome.drafts()).isEmpty();
    }

    @Test
    void aStoredConversationIsFoundByIdOrNumberAndNothingIsWritten() {
        db.jdbc
                .sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id)
                        values ('106540352242922:447700900123', 'whatsapp', '106540352242922', '447700900123')""")
                .update();
        message("wamid.1", "in", "Hi, I would like to book a table for 8 people on 14 December at 7pm", "09:00");
        message("wamid.2", "out", "Under which name?", "09:01");
        message("wamid.3", "in", "name is Ana Souza", "09:02");
        long before = rows();

        Playground.Outcome byNumber = playground.run(stored("+44 7700 900123"));
        Playground.Outcome byId = playground.run(stored("106540352242922:447700900123"));

        assertThat(byNumber.messages()).extracting(m -> m.messageId()).containsExactly("wamid.1", "wamid.2", "wamid.3");
        assertThat(byNumber.drafts()).singleElement().satisfies(d -> assertThat(d.fields())
                .anySatisfy(f -> assertThat(f.field() + "=" + f.value()).isEqualTo("phone=+447700900123")));
        assertThat(byId.drafts()).hasSize(1);
        assertThat(playground.run(stored("no-such")).error()).contains("No conversation");
        assertThat(rows()).isEqualTo(before);
    }

    private static long rows() {
        return db.jdbc
                .sql(
                        "select (select count(*) from record) + (select count(*) from record_change) + (select count(*) from delivery)")
                .query(Long.class)
                .single();
    }

    private static void message(String id, String direction, String text, String time) {
        db.jdbc
                .sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                        values ('whatsapp', ?, '106540352242922:447700900123', ?, 'text', ?, ?, '{}'::jsonb)""")
                .params(id, direction, text, Timestamp.from(Instant.parse("2026-11-20T" + time + ":00Z")))
                .update();
    }

    private static Playground.Request pasted(String text) {
        return new Playground.Request(false, text, "Business", null, false, null, null);
    }

    private static Playground.Request stored(String conversation) {
        return new Playground.Request(true, null, null, conversation, false, null, null);
    }
}
