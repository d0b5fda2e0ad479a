package io.chatbridge.connector.sheets;

import java.time.Duration;

/**
 * A failed Sheets API call: the HTTP status ({@code 0} for a timeout or a broken connection), whether
 * retrying can help (429, 5xx, timeouts), whether it may have written anyway (Google's 503 after an
 * append that did write), and the {@code Retry-After} Google sent, if any.
 */
public class SheetsApiException extends Exception {

    private final int status;
    private final boolean retryable;
    private final boolean mayHaveWritten;
    private final Duration retryAfter;

    public SheetsApiException(
            String message,
            int status,
            boolean retryable,
            boolean mayHaveWritten,
            Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.mayHaveWritten = mayHaveWritten;
        this.retryAfter = retryAfter;
    }

    /** Classifies an HTTP status the way Google's troubleshooting guide does. */
    public static SheetsApiException ofStatus(int status, String message, boolean write, Duration retryAfter) {
        boolean retryable = status == 429 || status == 408 || status >= 500;
        boolean mayHaveWritten = write && (status >= 500 || status == 408);
        return new SheetsApiException(message, status, retryable, mayHaveWritten, retryAfter, null);
    }

    public static SheetsApiException ofTimeout(String message, boolean write, Throwable cause) {
        return new SheetsApiException(message, 0, true, write, null, cause);
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean mayHaveWritten() {
        return mayHaveWritten;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
