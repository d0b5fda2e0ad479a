package io.chatbridge.common;

import java.sql.Timestamp;
import java.time.Instant;

/** Conversions every JDBC repository needs, kept in one place so they behave the same everywhere. */
public final class Columns {

    /** Error texts kept on queue rows (deliveries, outbound messages) are cut to this many characters. */
    public static final int MAX_ERROR_LENGTH = 2000;

    private Columns() {}

    /** A nullable timestamp column as an instant. */
    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** An instant as a timestamp parameter; null stays null. */
    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** An error text short enough to keep on a row; null stays null. */
    public static String truncatedError(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
