package io.chatbridge.reconcile.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/** Amounts and dates as banks write them in CSV exports. */
final class CsvValues {

    /** Tried in this order; the first that reads every date of the file wins (day-first before month-first). */
    static final List<String> DATE_FORMATS = List.of(
            "uuuu-MM-dd",
            "dd.MM.uuuu",
            "d.M.uuuu",
            "dd/MM/uuuu",
            "d/M/uuuu",
            "MM/dd/uuuu",
            "M/d/uuuu",
            "uuuu.MM.dd",
            "uuuu/MM/dd",
            "dd-MM-uuuu",
            "uuuuMMdd",
            "dd.MM.uu",
            "dd/MM/uu",
            "MM/dd/uu");

    private CsvValues() {}

    static DateTimeFormatter dateFormat(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu").replace("yy", "uu"))
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** The first known format that reads all of {@code samples}. */
    static DateTimeFormatter detectDateFormat(List<String> samples) {
        for (String pattern : DATE_FORMATS) {
            DateTimeFormatter format = dateFormat(pattern);
            if (samples.stream().allMatch(s -> parses(s, format))) {
                return format;
            }
        }
        throw new StatementFormatException("the CSV dates are in no known format (e.g. " + samples.get(0)
                + "); set date-format in the bank's csv profile");
    }

    static LocalDate date(String value, DateTimeFormatter format) {
        return LocalDate.parse(dateOnly(value), format);
    }

    private static boolean parses(String value, DateTimeFormatter format) {
        try {
            LocalDate.parse(dateOnly(value), format);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Some exports add a time after the date ({@code 2024-01-02 13:45}). */
    private static String dateOnly(String value) {
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        int tee = trimmed.indexOf('T');
        int cut = space > 0 ? space : (tee == 10 ? tee : -1);
        return cut > 0 ? trimmed.substring(0, cut) : trimmed;
    }

    /**
     * A money value: {@code 1.234,56}, {@code 1,234.56}, {@code -15.75}, {@code (15.75)}, {@code 15.75-},
     * {@code € 42,50}. With no configured separator, the last of {@code .} and {@code ,} is the decimal
     * one, and a lone {@code ,} is decimal only when one or two digits follow it.
     *
     * @return null for an empty cell
     */
    static BigDecimal amount(String raw, String decimalSeparator) {
        String value = raw.replaceAll("[\\s\\u00A0\\u202F'€$£¥]|[A-Z]{3}", "");
        if (value.isEmpty()) {
            return null;
        }
        boolean negative = false;
        if (value.startsWith("(") && value.endsWith(")")) {
            negative = true;
            value = value.substring(1, value.length() - 1);
        }
        if (value.endsWith("-")) {
            negative = true;
            value = value.substring(0, value.length() - 1);
        }
        char decimal = decimalSeparator != null && !decimalSeparator.isEmpty()
                ? decimalSeparator.charAt(0)
                : guessDecimal(value);
        char grouping = decimal == ',' ? '.' : ',';
        value = value.replace(String.valueOf(grouping), "").replace(decimal, '.');
        try {
            BigDecimal amount = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
            return negative ? amount.negate() : amount;
        } catch (NumberFormatException e) {
            throw new StatementFormatException("a CSV amount is not a number: " + raw);
        }
    }

    private static char guessDecimal(String value) {
        int dot = value.lastIndexOf('.');
        int comma = value.lastIndexOf(',');
        if (dot >= 0 && comma >= 0) {
            return comma > dot ? ',' : '.';
        }
        if (comma >= 0) {
            int digitsAfter = value.length() - comma - 1;
            return digitsAfter == 1 || digitsAfter == 2 ? ',' : '.';
        }
        return '.';
    }
}
