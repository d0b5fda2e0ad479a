package io.chatbridge.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits for what the pipeline stores, for tests that start a whole instance. */
public final class Stored {

    private Stored() {}

    /** Until the message with this WhatsApp id is normalised into {@code message} (20 s at most). */
    public static void awaitMessage(JdbcClient jdbc, String wamid) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from message where external_id = ?")
                                .param(wamid)
                                .query(Long.class)
                                .single()
                        == 1);
    }
}
