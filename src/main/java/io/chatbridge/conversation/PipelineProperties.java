package io.chatbridge.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param batchSize inbox rows or conversations handled per transaction
 * @param window how far back extraction looks in a conversation (slot filling)
 * @param inboxMaxAttempts tries before an unreadable inbox row is parked as {@code dead}
 */
@ConfigurationProperties("chatbridge.pipeline")
public record PipelineProperties(int batchSize, Duration window, int inboxMaxAttempts) {

    public PipelineProperties {
        batchSize = batchSize > 0 ? batchSize : 200;
        window = window != null ? window : Duration.ofHours(48);
        inboxMaxAttempts = inboxMaxAttempts > 0 ? inboxMaxAttempts : 10;
    }
}
