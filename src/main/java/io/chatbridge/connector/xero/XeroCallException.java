package io.chatbridge.connector.xero;

import java.time.Duration;

/**
 * A failed call to Xero, saying whether a retry can help (429, 5xx, timeouts, an expired token), whether
 * the call may have changed the books anyway (a 503 or timeout after the request was sent), and how
 * long Xero asked us to wait.
 */
class XeroCallException extends Exception {

    private final int status;
    private final boolean retryable;
    private final boolean mayHaveWritten;
    private final Duration retryAfter;

    XeroCallException(String message, int status, boolean retryable, boolean mayHaveWritten, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.mayHaveWritten = mayHaveWritten;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 for a timeout or a connection failure. */
    int status() {
        return status;
    }

    boolean retryable() {
        return retryable;
    }

    boolean mayHaveWritten() {
        return mayHaveWritten;
    }

    /** Null unless Xero sent {@code Retry-After}. */
    Duration retryAfter() {
        return retryAfter;
    }

    boolean rateLimited() {
        return status == 429;
    }
}
