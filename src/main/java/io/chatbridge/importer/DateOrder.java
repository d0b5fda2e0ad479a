package io.chatbridge.importer;

import java.util.Locale;
import java.util.Set;

/**
 * The order of day, month and year in an export's dates. Exports do not say which it is ({@code 03/04/21}
 * is either), so it is inferred per file from the dates themselves and can be overridden.
 */
public enum DateOrder {
    DMY,
    MDY,
    YMD;

    /** Countries whose phones write the month first; the last resort when a file's dates never tell. */
    private static final Set<String> MONTH_FIRST_COUNTRIES = Set.of("US", "PH", "CA", "BZ", "FM", "MH", "PW");

    static DateOrder fallbackFor(Locale locale) {
        return locale != null && MONTH_FIRST_COUNTRIES.contains(locale.getCountry()) ? MDY : DMY;
    }

    /** Accepts {@code dmy}, {@code dd/mm/yyyy}, {@code mdy}, {@code mm/dd/yy}, {@code ymd}, … */
    public static DateOrder parse(String text) {
        String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^dmy]", "").replaceAll("(.)\\1+", "$1");
        return switch (letters) {
            case "dmy" -> DMY;
            case "mdy" -> MDY;
            case "ymd" -> YMD;
            default ->
                throw new IllegalArgumentException(
                        "date order '" + text + "' is not one of dmy (31/12/24), mdy (12/31/24) or ymd (2024/12/31)");
        };
    }
}
