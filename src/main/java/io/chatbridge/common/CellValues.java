package io.chatbridge.common;

import java.math.BigDecimal;

/**
 * What a cell staff typed in a sheet or a workbook means for a field of a given mapping type. Shared
 * by the connectors, so "12" in a Guests column is the integer 12 whichever side it came from.
 */
public final class CellValues {

    private CellValues() {}

    /** The cell's text as a value of the field's type; the text itself when it does not parse; null when blank. */
    public static Object typed(String text, String type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        try {
            if ("integer".equals(type)) {
                long number = new BigDecimal(trimmed).longValueExact();
                return number == (int) number ? (Object) (int) number : (Object) number;
            }
            if ("decimal".equals(type) || "money".equals(type)) {
                return new BigDecimal(trimmed);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return text;
        }
        return text;
    }
}
