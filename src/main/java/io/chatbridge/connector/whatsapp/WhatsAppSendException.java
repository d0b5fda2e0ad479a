package io.chatbridge.connector.whatsapp;

import java.time.Duration;

/**
 * The Cloud API refused a message, or could not be reached. Decisions are made on Meta's error
 * {@code code} (and its {@code details}), never on the HTTP status or the title, as Meta advises.
 */
public class WhatsAppSendException extends Exception {

    /** The 24-hour customer-service window is closed: only a template can be sent. */
    public static final int REENGAGEMENT = 131047;
    /** Throughput of the business number exceeded. */
    public static final int THROUGHPUT = 130429;
    /** Too many messages to one recipient in a short time. */
    public static final int PAIR_RATE = 131056;
    /** No code: the API could not be reached, or answered with something that is not a Graph error. */
    public static final int NO_CODE = -1;

    private final int code;
    private final int httpStatus;
    private final Duration retryAfter;

    public WhatsAppSendException(String message, int code, int httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Null when the API gave no {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Whether sending the same message again later can succeed: rate limits, Meta's transient
     * errors and 5xx yes; bad tokens, missing permissions, invalid parameters, blocked users no.
     */
    public boolean retryable() {
        return switch (code) {
            case THROUGHPUT, PAIR_RATE, 131048, 131057, 80007, 4, 1, 2, 131000, 133004 -> true;
            case NO_CODE -> httpStatus == 0 || httpStatus == 429 || httpStatus >= 500;
            default -> httpStatus >= 500 && code != 100;
        };
    }
}
