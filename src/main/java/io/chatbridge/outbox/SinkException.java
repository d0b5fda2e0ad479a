package io.chatbridge.outbox;

import java.time.Duration;

/**
 * A failed delivery, saying whether trying again can help ({@code 429}, {@code 5xx}, timeouts) or not
 * (a permanent {@code 4xx}), and how long the other side asked us to wait.
 */
public class SinkException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    public SinkException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static SinkException transientFailure(String message, Duration retryAfter) {
        return new SinkException(message, true, retryAfter, null);
    }

    public static SinkException permanentFailure(String message) {
        return new SinkException(message, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** Null when the other side gave no {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
