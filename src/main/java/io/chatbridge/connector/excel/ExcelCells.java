package io.chatbridge.connector.excel;

import io.chatbridge.common.CellValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How record values become typed cells and cells become values again. Dates become Excel dates
 * (serial numbers shown as {@code yyyy-mm-dd}), so finance can sort, filter and subtract them; money
 * becomes a number with a currency format; integers and decimals numbers; everything else text.
 * Both directions agree on one canonical text per value ({@code 2026-12-05}, {@code 12.5}, {@code
 * confirmed}), which is what row hashes are taken of, so a date we wrote reads back unchanged.
 */
final class ExcelCells {

    static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final LocalDate EPOCH = LocalDate.of(1899, 12, 30);

    private ExcelCells() {}

    /** The cell for a field value; {@code currency} (an ISO code or null) picks a money cell's format. */
    static ExcelCell toCell(Object value, String fieldType, String currency) {
        if (value == null) {
            return ExcelCell.BLANK;
        }
        if ("date".equals(fieldType)) {
            LocalDate date = date(String.valueOf(value));
            if (date != null) {
                return new ExcelCell(ExcelCell.Kind.NUMBER, String.valueOf(serial(date)), DATE_FORMAT, date.toString());
            }
        }
        if (value instanceof Number number && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            String plain = plain(number.toString());
            String format = "money".equals(fieldType) ? moneyFormat(currency) : null;
            return new ExcelCell(ExcelCell.Kind.NUMBER, plain, format, plain);
        }
        return ExcelCell.text(text(value));
    }

    /** The number format of an amount: two decimals and the currency's code when the record has one. */
    static String moneyFormat(String currency) {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            return "#,##0.00";
        }
        return "#,##0.00 [$" + currency + "]";
    }

    /** A cell as read back (its text, or its number as stored), as the canonical text of the field's type. */
    static String canonical(String raw, boolean number, String fieldType) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (!number) {
            return raw;
        }
        try {
            BigDecimal value = new BigDecimal(raw);
            if ("date".equals(fieldType)) {
                return EPOCH.plusDays(value.longValue()).toString();
            }
            if ("time".equals(fieldType) && value.signum() >= 0 && value.compareTo(BigDecimal.ONE) < 0) {
                long minutes = Math.round(value.doubleValue() * 24 * 60);
                return LocalTime.MIN.plusMinutes(minutes).toString();
            }
            return value.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** A cell typed by staff (its canonical text) as a value of the field's type; text when it does not parse. */
    static Object fromText(String text, String type) {
        return CellValues.typed(text, type);
    }

    static long serial(LocalDate date) {
        return ChronoUnit.DAYS.between(EPOCH, date);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String plain(String number) {
        try {
            return new BigDecimal(number).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return number;
        }
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    /** {@code A} for 0, {@code AA} for 26. */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            s.insert(0, (char) ('A' + i % 26));
        }
        return s.toString();
    }

    /** The column index of a cell reference ({@code 2} for {@code C7}); -1 when there is none. */
    static int columnOf(String ref) {
        if (ref == null) {
            return -1;
        }
        int index = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            index = index * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            i++;
        }
        return i == 0 ? -1 : index - 1;
    }
}
