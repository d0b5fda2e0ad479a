package io.chatbridge.web.console.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Turns what an admin typed into a field's value of the field's type (as extraction would store it:
 * integers as numbers, dates {@code 2026-12-14}, times {@code 19:30}, decimals as plain strings, item
 * lists as JSON), checked against the mapping's bounds, pattern and values. A blank clears the field.
 * Anything that does not fit is an {@link IllegalArgumentException} with a message for the admin.
 */
final class FieldInput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldInput() {}

    static Object parse(String field, String text, FieldMapping mapping) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (mapping == null) {
            return value;
        }
        try {
            Object parsed = typed(mapping.type(), value);
            check(field, parsed, value, mapping);
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not " + expected(mapping.type()));
        }
    }

    private static Object typed(FieldType type, String value) {
        return switch (type) {
            case INTEGER -> Long.parseLong(value);
            case DECIMAL, MONEY -> new BigDecimal(value).toPlainString();
            case DATE -> LocalDate.parse(value).toString();
            case TIME -> LocalTime.parse(value).toString();
            case ITEM_LIST -> json(value);
            default -> value;
        };
    }

    private static void check(String field, Object parsed, String value, FieldMapping mapping) {
        if (parsed instanceof Long || mapping.type() == FieldType.DECIMAL || mapping.type() == FieldType.MONEY) {
            BigDecimal number = new BigDecimal(parsed.toString());
            if (mapping.min() != null && number.compareTo(mapping.min()) < 0
                    || mapping.max() != null && number.compareTo(mapping.max()) > 0) {
                throw new IllegalArgumentException(field + " must be between " + bound(mapping.min()) + " and "
                        + bound(mapping.max()) + "; '" + value + "' is not.");
            }
        }
        if (mapping.pattern() != null && !matches(field, value, mapping.pattern())) {
            throw new IllegalArgumentException(
                    field + " must match " + mapping.pattern() + "; '" + value + "' does not.");
        }
        if (mapping.type() == FieldType.ENUM
                && !mapping.values().isEmpty()
                && !mapping.values().containsKey(value)) {
            throw new IllegalArgumentException(
                    field + " is one of " + String.join(", ", mapping.values().keySet()) + ".");
        }
    }

    /**
     * java.util.regex recurses once per repetition of a group, so a pattern such as {@code (?:\p{L}+\s?)+}
     * overflows the stack on a long enough value: refused with a reason instead of failing the request.
     */
    private static boolean matches(String field, String value, String pattern) {
        try {
            return value.matches(pattern);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException(field + " is too long to check against its pattern " + pattern + " ("
                    + value.length() + " characters): shorten it, or ask an admin to write the pattern with a "
                    + "character class (e.g. [\\p{L}\\s]+) instead of a repeated group.");
        }
    }

    private static Object json(String value) {
        try {
            return JSON.readValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An item list is JSON, e.g. [{\"item\": \"pizza\", \"quantity\": 2}].");
        }
    }

    private static String bound(BigDecimal bound) {
        return bound == null ? "any" : bound.toPlainString();
    }

    private static String expected(FieldType type) {
        return switch (type) {
            case INTEGER -> "a whole number (e.g. 4).";
            case DECIMAL, MONEY -> "a number (e.g. 12.50).";
            case DATE -> "a date like 2026-12-14.";
            case TIME -> "a time like 19:30.";
            default -> "a " + type.yamlName() + ".";
        };
    }
}
