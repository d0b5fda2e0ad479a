package io.chatbridge.connector.hubspot;

import java.time.Duration;

/**
 * A HubSpot call that did not succeed, saying why in the terms the retry policy needs: HubSpot's
 * ten-secondly 429 and {@code 423 Locked} pass within seconds, 5xx and timeouts may pass, the daily
 * limit lasts until the account's midnight, and any other 4xx will fail again the same way.
 */
public class HubSpotApiException extends Exception {

    /** What kind of failure this is. */
    public enum Kind {
        RATE_LIMITED,
        DAILY_LIMIT,
        LOCKED,
        UNAVAILABLE,
        REFUSED
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public HubSpotApiException(String message, Kind kind, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 for a timeout or a connection failure. */
    public int status() {
        return status;
    }

    /** Null when HubSpot said nothing about when to come back. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether trying again soon can help (everything but the daily limit and a refusal). */
    public boolean retryable() {
        return kind != Kind.DAILY_LIMIT && kind != Kind.REFUSED;
    }

    /** A timeout or a 5xx may have written before it failed. */
    public boolean mayHaveWritten() {
        return kind == Kind.UNAVAILABLE;
    }
}
