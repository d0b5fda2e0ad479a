package io.chatbridge.extract.normalize;

import java.util.Map;
import java.util.Set;

/**
 * Currency symbols, codes and words (folded) to ISO 4217. "$" is the business's own currency when that
 * is a dollar or peso written with "$" (CAD, AUD, MXN…), else USD; the word "dollars" is the business's
 * currency only when that is a dollar, else USD; "pesos" is the business's peso (MXN, ARS, COP, CLP…),
 * else MXN; "Rs" is INR unless the business uses another rupee (PKR, LKR, NPR).
 */
final class Currencies {

    static final String PREFIX = "r\\$|us\\$|ca\\$|c\\$|au\\$|a\\$|nz\\$|mx\\$|\\$|€|£|₹|usd|eur|gbp|brl|inr|kes|ksh"
            + "|cad|aud|nzd|mxn|rs\\.?";
    static final String SUFFIX = "€|\\$|usd|eur|gbp|brl|inr|kes|ksh|cad|aud|euros?|reais|real|dollars?|dolares|bucks"
            + "|pounds?|libras?|quid|rupees?|rs|pesos?";

    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("r$", "BRL"),
            Map.entry("brl", "BRL"),
            Map.entry("reais", "BRL"),
            Map.entry("real", "BRL"),
            Map.entry("€", "EUR"),
            Map.entry("eur", "EUR"),
            Map.entry("euro", "EUR"),
            Map.entry("euros", "EUR"),
            Map.entry("£", "GBP"),
            Map.entry("gbp", "GBP"),
            Map.entry("pound", "GBP"),
            Map.entry("pounds", "GBP"),
            Map.entry("quid", "GBP"),
            Map.entry("libra", "GBP"),
            Map.entry("libras", "GBP"),
            Map.entry("₹", "INR"),
            Map.entry("inr", "INR"),
            Map.entry("rupee", "INR"),
            Map.entry("rupees", "INR"),
            Map.entry("kes", "KES"),
            Map.entry("ksh", "KES"),
            Map.entry("usd", "USD"),
            Map.entry("us$", "USD"),
            Map.entry("ca$", "CAD"),
            Map.entry("c$", "CAD"),
            Map.entry("cad", "CAD"),
            Map.entry("au$", "AUD"),
            Map.entry("a$", "AUD"),
            Map.entry("aud", "AUD"),
            Map.entry("nz$", "NZD"),
            Map.entry("nzd", "NZD"),
            Map.entry("mx$", "MXN"),
            Map.entry("mxn", "MXN"));
    private static final Set<String> DOLLAR_WORDS = Set.of("dollar", "dollars", "dolares", "bucks");
    private static final Set<String> PESO_WORDS = Set.of("peso", "pesos");
    /** Currencies called dollars: the word "dollars" means one of these, never a peso ("dólares" in Mexico is USD). */
    private static final Set<String> DOLLAR_CURRENCIES =
            Set.of("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "JMD", "TTD", "BSD", "BBD", "FJD");
    /** Pesos; "pesos" from a business elsewhere is most likely Mexican. */
    private static final Set<String> PESO_CURRENCIES = Set.of("MXN", "ARS", "COP", "CLP", "UYU", "DOP", "CUP", "PHP");

    private static final Set<String> RUPEE_WORDS = Set.of("rs", "rs.");
    private static final Set<String> DOLLAR_SIGN_CURRENCIES = Set.of(
            "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "JMD", "TTD", "BSD", "BBD", "FJD");
    private static final Set<String> OTHER_RUPEES = Set.of("PKR", "LKR", "NPR", "MUR", "SCR");

    private Currencies() {}

    /** ISO code for a folded symbol or word, given the business's default currency (may be null). */
    static String iso(String token, String defaultCurrency) {
        String fixed = FIXED.get(token);
        if (fixed != null) {
            return fixed;
        }
        if (token.equals("$")) {
            return DOLLAR_SIGN_CURRENCIES.contains(defaultCurrency) ? defaultCurrency : "USD";
        }
        if (DOLLAR_WORDS.contains(token)) {
            return DOLLAR_CURRENCIES.contains(defaultCurrency) ? defaultCurrency : "USD";
        }
        if (PESO_WORDS.contains(token)) {
            return PESO_CURRENCIES.contains(defaultCurrency) ? defaultCurrency : "MXN";
        }
        if (RUPEE_WORDS.contains(token)) {
            return OTHER_RUPEES.contains(defaultCurrency) ? defaultCurrency : "INR";
        }
        return null;
    }
}
