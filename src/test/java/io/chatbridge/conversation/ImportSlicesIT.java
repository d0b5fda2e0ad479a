package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an import's pass reads of a conversation at once: bounded in characters, and never a webhook's message. */
class ImportSlicesIT {

    private static final Instant START = Instant.parse("2024-03-12T10:00:00Z");

    static TestDatabase db;

    @BeforeAll
    static void start() {
        db = new TestDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    /**
     * A slice held up to 20,000 messages whatever their length: of WhatsApp's longest, 2.6 GB. It stops once
     * its text reaches the limit, and says more follows.
     */
    @Test
    void aSliceOfLongMessagesStopsAtItsCharacters() {
        String conversation = conversation("b:1");
        for (int i = 0; i < 10; i++) {
            message(conversation, "export", "exp-long-" + i, i, "x".repeat(1_000));
        }

        ImportSlices.Slice slice = new ImportSlices(db.dataSource, Duration.ofHours(48), 3_500)
                .read(conversation, ExtractionWatermark.NONE, 20_000);

        assertThat(slice.fresh())
                .extracting(ConversationExtraction.StoredMessage::externalId)
                .containsExactly("exp-long-0", "exp-long-1", "exp-long-2", "exp-long-3");
        assertThat(slice.full()).isTrue();
        assertThat(slice.live()).isFalse();

        ImportSlices.Slice all = new ImportSlices(db.dataSource, Duration.ofHours(48))
                .read(conversation, ExtractionWatermark.NONE, 20_000);
        assertThat(all.fresh()).hasSize(10);
        assertThat(all.full()).isFalse();
    }

    /** A message that came through the webhook ends the slice before it: it is the live pass's. */
    @Test
    void aSliceEndsBeforeAWebhooksMessage() {
        String conversation = conversation("b:2");
        message(conversation, "export", "exp-a", 0, "hello");
        message(conversation, "export", "exp-b", 1, "a table for two?");
        message(conversation, "whatsapp", "wamid.c", 2, "and for Friday");
        message(conversation, "export", "exp-d", 3, "thanks");

        ImportSlices.Slice slice = new ImportSlices(db.dataSource, Duration.ofHours(48))
                .read(conversation, ExtractionWatermark.NONE, 20_000);

        assertThat(slice.fresh())
                .extracting(ConversationExtraction.StoredMessage::externalId)
                .containsExactly("exp-a", "exp-b");
        assertThat(slice.window()).hasSize(2);
        assertThat(slice.live()).isTrue();
    }

    private static String conversation(String id) {
        db.jdbc
                .sql(
                        "insert into conversation (id, channel, phone_number_id, customer_wa_id) values (?, 'export', 'b', ?)")
                .params(id, id.substring(2))
                .update();
        return id;
    }

    private static void message(String conversation, String channel, String id, int minute, String text) {
        db.jdbc
                .sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                        values (?, ?, ?, 'in', 'text', ?, ?, '{}')""")
                .params(channel, id, conversation, text, Timestamp.from(START.plusSeconds(60L * minute)))
                .update();
    }
}
