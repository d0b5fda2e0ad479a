package io.chatbridge.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the delivery outbox claims and retries.
 *
 * @param batchSize deliveries claimed per round
 * @param maxAttempts failed tries before a delivery goes to the dead letter
 * @param baseBackoff first retry delay; doubled per attempt, with jitter
 * @param maxBackoff cap on the retry delay
 * @param lease how long a claimed delivery belongs to one worker before another may take it over
 */
@ConfigurationProperties("chatbridge.outbox")
public record OutboxProperties(
        int batchSize, int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration lease) {

    public OutboxProperties {
        batchSize = batchSize > 0 ? batchSize : 500;
        maxAttempts = maxAttempts > 0 ? maxAttempts : 12;
        baseBackoff = baseBackoff != null ? baseBackoff : Duration.ofSeconds(2);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofMinutes(30);
        lease = lease != null ? lease : Duration.ofMinutes(5);
    }
}
