package io.chatbridge.connector.excel;

/**
 * One cell as chatbridge writes it: text (always an inline string, so {@code =1+1} typed by a customer
 * stays text and is never evaluated), a number, or a number shown through a number format (an Excel
 * date, an amount in its currency).
 *
 * @param kind what the cell holds
 * @param value the inline text, or the number as XML wants it ({@code 46361}, {@code 12.5})
 * @param format the number format to show it with ({@code yyyy-mm-dd}); null for text and plain numbers
 * @param text the canonical text of the value, which is what sync hashes are taken of
 */
record ExcelCell(Kind kind, String value, String format, String text) {

    enum Kind {
        TEXT,
        NUMBER,
        BLANK
    }

    static final ExcelCell BLANK = new ExcelCell(Kind.BLANK, "", null, "");

    /** Excel's limit: a longer text makes Excel "repair" the workbook and drop the cell. */
    static final int MAX_TEXT = 32_767;

    static ExcelCell text(String value) {
        String fitted = fit(value);
        return fitted.isEmpty() ? BLANK : new ExcelCell(Kind.TEXT, fitted, null, fitted);
    }

    /**
     * The text as a cell can hold it: the two non-characters XML cannot carry at all (U+FFFE, U+FFFF)
     * made visible as U+FFFD, and a text over Excel's 32,767 characters cut with an ellipsis (the record
     * keeps the whole text). Found by the hostile-input drill (issue 11, drill 6).
     */
    static String fit(String value) {
        String text = value.indexOf('\uFFFE') < 0 && value.indexOf('\uFFFF') < 0
                ? value
                : value.replace('\uFFFE', '\uFFFD').replace('\uFFFF', '\uFFFD');
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int cut = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split an emoji in two
        }
        return text.substring(0, cut) + "…";
    }
}
