package io.chatbridge.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How one canonical field of a record type is found, checked and owned.
 *
 * @param name canonical field name ({@code guests})
 * @param type the kind of value
 * @param required whether a record is incomplete without it
 * @param owners the sides allowed to change it ({@code chat}, or one or more staff sides such as
 *     {@code sheets}, {@code excel}, {@code hubspot}); never empty
 * @param min lower bound for numbers, or null
 * @param max upper bound for numbers, or null
 * @param pattern a regular expression the final value must match, or null
 * @param cues words near a value that say it belongs to this field, per language ({@code people}, {@code personas})
 * @param patterns extra regular expressions; group 1 (or the whole match) is the value
 * @param values for enum and vocabulary text fields: canonical value to the phrases that mean it
 * @param ask the follow-up question per language when the field is missing
 * @param fallback where a value comes from when the chat does not say it: {@code customer-phone},
 *     {@code business-currency}, {@code message-date}, {@code profile-name}, or null
 * @param format how text values are written: {@code name} (Title Case), {@code lowercase}, {@code as-written}
 */
public record FieldMapping(
        String name,
        FieldType type,
        boolean required,
        List<String> owners,
        BigDecimal min,
        BigDecimal max,
        String pattern,
        Map<String, List<String>> cues,
        List<String> patterns,
        Map<String, List<String>> values,
        Map<String, String> ask,
        String fallback,
        String format) {

    public FieldMapping {
        owners = owners == null || owners.isEmpty() ? List.of("chat") : List.copyOf(owners);
        cues = Map.copyOf(cues);
        patterns = List.copyOf(patterns);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        ask = Map.copyOf(ask);
    }

    /** Whether {@code side} ({@code chat}, {@code sheets}, …) may change this field. */
    public boolean ownedBy(String side) {
        return owners.contains(side);
    }

    /** The follow-up question for a missing value in {@code language}, else in any language given. */
    public java.util.Optional<String> question(String language) {
        String q = ask.get(language);
        if (q == null) {
            q = ask.getOrDefault(
                    "any",
                    ask.isEmpty()
                            ? null
                            : ask.get(ask.keySet().stream().sorted().findFirst().orElseThrow()));
        }
        return java.util.Optional.ofNullable(q);
    }
}
