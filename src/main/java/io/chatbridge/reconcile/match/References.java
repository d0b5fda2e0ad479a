package io.chatbridge.reconcile.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invoice references as people type them: {@code INV-2041}, {@code inv 2041}, {@code INV/2041},
 * {@code #2041}. All are compared in one normal form (upper case letters and digits only), and typos
 * are found through the one-deletion neighbourhood, which catches a wrong, missing or extra character
 * and two swapped neighbours without comparing against every invoice.
 */
public final class References {

    private static final Pattern PREFIXED =
            Pattern.compile("(?<![A-Z0-9])([A-Z]{1,5})[\\s\\-/#.:_]{0,2}(\\d{2,10})(?![0-9])");
    private static final Pattern DIGITS = Pattern.compile("(?<![A-Z0-9])(\\d{3,10})(?![0-9])");

    private References() {}

    /** {@code INV-2041} → {@code INV2041}; null for null or text with no letters or digits. */
    public static String normalize(String reference) {
        if (reference == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(reference.length());
        for (int i = 0; i < reference.length(); i++) {
            char c = Character.toUpperCase(reference.charAt(i));
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** Every reference-like token in free text, normalized: prefixed numbers and bare numbers. */
    public static Set<String> tokens(String text) {
        Set<String> tokens = new LinkedHashSet<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        Matcher prefixed = PREFIXED.matcher(upper);
        while (prefixed.find()) {
            tokens.add(prefixed.group(1) + prefixed.group(2));
        }
        Matcher digits = DIGITS.matcher(upper);
        while (digits.find()) {
            tokens.add(digits.group(1));
        }
        return tokens;
    }

    /** The strings one deletion away (the key set of the typo index). */
    public static List<String> deletions(String normalized) {
        List<String> out = new ArrayList<>(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            out.add(normalized.substring(0, i) + normalized.substring(i + 1));
        }
        return out;
    }

    /** The digits of a reference ({@code INV2041} → {@code 2041}), or null when it has none. */
    public static String digits(String normalized) {
        if (normalized == null) {
            return null;
        }
        String digits = normalized.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }
}
