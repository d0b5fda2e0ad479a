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

    static ExcelCell text(String value) {
        return value.isEmpty() ? BLANK : new ExcelCell(Kind.TEXT, value, null, value);
    }
}
