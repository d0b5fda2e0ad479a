package io.chatbridge.extract.internal;

/**
 * A value a normaliser found in a message, before it is given to a field.
 *
 * @param negated the text says this is the old value ("not 10", "instead of Friday")
 */
record Found(Kind kind, Object value, int start, int end, double confidence, boolean negated) {

    enum Kind {
        PHONE,
        EMAIL,
        REFERENCE,
        DATE,
        TIME,
        MONEY,
        QUANTITY
    }

    boolean overlaps(Found other) {
        return start < other.end && other.start < end;
    }
}
