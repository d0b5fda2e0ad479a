package io.chatbridge.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recording an accepted send locks the conversation before the outbound row, in the order the
 * normaliser and extraction take them. A second night-time message used to deadlock with the first
 * auto-reply being recorded as accepted: the normaliser held the conversation and queued the same
 * reply key; the sender held the reply's row and waited for the conversation. PostgreSQL aborted the
 * sender after WhatsApp had accepted the message, so it was sent again.
 */
class SendAcceptedLockOrderIT {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String CONVERSATION = "106540352242922:447700900801";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        TestClock.INSTANCE.set(NOW);
        app = TestApplication.startWithClock(dataDir, List.of());
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        TestClock.INSTANCE.reset();
    }

    @Test
    void aSendAcceptedWhileTheNormaliserHoldsTheConversationWaitsInsteadOfDeadlocking() throws Exception {
        String key = "autoreply:" + CONVERSATION + ":2026-11-25";
        Instant later = NOW.plus(Duration.ofDays(1)); // not due for the sender route at NOW
        app.getBean(WhatsAppOutbox.class)
                .enqueue(new OutboundRequest(
                        key,
                        "autoreply",
                        "106540352242922",
                        "+447700900801",
                        CONVERSATION,
                        null,
                        null,
                        "en",
                        "We are closed",
                        null,
                        later));
        ClaimedMessage claimed = app.getBean(OutboundRepository.class)
                .claim(10, later, later.plus(Duration.ofMinutes(5)), "test-sender")
                .get(0);
        DataSource dataSource = app.getBean(DataSource.class);

        try (Connection normaliser = dataSource.getConnection()) {
            normaliser.setAutoCommit(false);
            try (PreparedStatement upsert = normaliser.prepareStatement(
                    """
                    insert into conversation (id, channel, phone_number_id, customer_wa_id, pending_extraction)
                    values (?, 'whatsapp', '106540352242922', '447700900801', true)
                    on conflict (id) do update set pending_extraction = true""")) {
                upsert.setString(1, CONVERSATION);
                upsert.executeUpdate();
            }
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> app.getBean(OutboundSender.class)
                    .accepted(claimed, "test-sender", "wamid.accepted1", "text", "We are closed"));
            Thread.sleep(
                    500); // the sender is now waiting on the conversation (or, before the fix, on it after the row)
            try (PreparedStatement again = normaliser.prepareStatement(
                    """
                    insert into outbound_message (idempotency_key, purpose, phone_number_id, recipient, body,
                        next_attempt_at, created_at, updated_at)
                    values (?, 'autoreply', '106540352242922', '+447700900801', 'We are closed', now(), now(), now())
                    on conflict (idempotency_key) do nothing""")) {
                again.setString(1, key);
                again.executeUpdate(); // before the fix: waits for the sender, which waits for us: deadlock
            }
            normaliser.commit();
            sender.get(20, TimeUnit.SECONDS);
        }

        assertThat(jdbc.sql("select state from outbound_message where idempotency_key = ?")
                        .param(key)
                        .query(String.class)
                        .single())
                .isEqualTo("accepted");
        assertThat(jdbc.sql("select count(*) from message where external_id = 'wamid.accepted1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
