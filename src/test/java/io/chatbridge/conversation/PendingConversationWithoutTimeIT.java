package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation waiting for extraction without {@code last_message_at} (no writer of ours leaves one, but
 * a row written by hand or by an older version may) is extracted by the time of its newest message, and
 * does not stop the other conversations of its batch: before, mapping the row threw, so the whole batch
 * failed at every poll and no record came out of any of them.
 */
class PendingConversationWithoutTimeIT {

    private static final String TEXT =
            "Hi, I would like to book a table for 8 people next Saturday at 7pm, name is Ana";

    @TempDir
    Path dataDir;

    @Test
    void aPendingConversationWithoutItsTimeIsExtractedAndTheRestOfItsBatchToo() {
        try (ConfigurableApplicationContext app = TestApplication.startWithShippedMappings(dataDir)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String handMade = "106540352242922:447700900811";
            Instant sent = Instant.now().minusSeconds(60);
            jdbc.sql(
                            """
                            insert into conversation (id, channel, phone_number_id, customer_wa_id, pending_extraction)
                            values (?, 'whatsapp', '106540352242922', '447700900811', false)""")
                    .param(handMade)
                    .update();
            jdbc.sql(
                            """
                            insert into message (channel, external_id, conversation_id, direction, sender, sender_name,
                                type, text, sent_at, payload)
                            values ('whatsapp', 'wamid.handmade1', ?, 'in', '447700900811', 'Ana', 'text', ?, ?, '{}')""")
                    .params(handMade, TEXT, OffsetDateTime.ofInstant(sent, ZoneOffset.UTC))
                    .update();
            // pending only once its message is there: a poll between the two inserts would otherwise find
            // the conversation empty, clear the flag and never see the message (CI failed so)
            jdbc.sql("update conversation set pending_extraction = true where id = ?")
                    .param(handMade)
                    .update();

            Webhooks webhooks = new Webhooks(TestApplication.port(app));
            byte[] body = Webhooks.textMessage(
                    "wamid.webhook1", "447700900812", "Bo", Instant.now().getEpochSecond(), TEXT.replace("Ana", "Bo"));
            assertThat(webhooks.post(body).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            jdbc.sql("select customer_phone from record where type = 'booking' order by customer_phone")
                                    .query(String.class)
                                    .list())
                    .containsExactly("+447700900811", "+447700900812"));
            assertThat(jdbc.sql("select count(*) from conversation where pending_extraction")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }
}
