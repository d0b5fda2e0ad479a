package io.chatbridge.extract.normalize;

/**
 * A value found in a message, with the span {@code [start, end)} it came from in the text the caller
 * passed (not a cleaned copy), and a confidence in 0..1. Finders report below 0.7 when the reading is
 * a guess (a bare hour without am/pm, a yearless d/m date read against the locale's order, …).
 */
public record Match<T>(T value, int start, int end, double confidence) {

    public Match {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
        }
    }
}
