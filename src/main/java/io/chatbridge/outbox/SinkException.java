package io.chatbridge.outbox;

import java.time.Duration;

/**
 * A failed delivery, saying whether trying again can help ({@code 429}, {@code 5xx}, timeouts) or not
 * (a permanent {@code 4xx}), and how long the other side asked us to wait.
 */
public class SinkException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean deferred;

    public SinkException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        this(message, retryable, retryAfter, cause, false);
    }

    private SinkException(String message, boolean retryable, Duration retryAfter, Throwable cause, boolean deferred) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.deferred = deferred;
    }

    /**
     * The destination is not refusing, only unavailable for now by someone's choice (a workbook open in
     * Excel): try again after {@code retryAfter} without spending an attempt, so waiting never ends in
     * the dead letter.
     */
    public static SinkException deferred(String message, Duration retryAfter) {
        return new SinkException(message, true, retryAfter, null, true);
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

    /** Whether this failure leaves the attempt count alone (see {@link #deferred}). */
    public boolean deferred() {
        return deferred;
    }

    /** Null when the other side gave no {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
