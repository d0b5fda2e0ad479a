package io.chatbridge.extract.normalize;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds amounts of money: "R$ 1.200,50", "€40", "40 EUR", "£12.50", "KSh 2,000", "1.5k", "250 reais".
 *
 * <p>Decisions: the separators decide, not the locale: with both '.' and ',' the last one is the
 * decimal point; a single separator followed by exactly three digits groups thousands ("1.200" and
 * "1,200" are both 1200), followed by one or two digits it is the decimal point ("12,5", "12.50").
 * Space-grouped thousands ("1 200") are not read, to keep phone numbers out. A number without a
 * currency is an amount (currency null, confidence 0.6) only when it looks like money: two decimals,
 * grouped thousands, a "k", or a word like "paid"/"total"/"pagué" right before it. Symbols map as in
 * {@link Currencies}.
 */
public final class AmountFinder {

    private static final String NUMBER = "(\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)";
    private static final String CUE = "(?:(paid|pay|paying|total|price|cost|costs|amount|owe|deposit|pague|pagar"
            + "|pago|paguei|valor|precio|preco|importe|sinal|deposito)(?:\\s+(?:is|of|de|was|es|e|foi))?\\s*[:=]?\\s*)?";
    private static final Pattern AMOUNT = Pattern.compile("(?<![\\p{L}\\p{N}.,/:#+$€£₹-])" + CUE
            + "(?:(" + Currencies.PREFIX + ")\\s?)?" + NUMBER + "(k)?(?:\\s?(" + Currencies.SUFFIX + "))?"
            + "(?![\\p{L}\\p{N}%]|[.,:/-]\\p{N})");
    private static final Predicate<String> STARTS = Tokens.numberOr(Set.of(
            "r",
            "us",
            "ca",
            "c",
            "au",
            "a",
            "nz",
            "mx",
            "$",
            "€",
            "£",
            "₹",
            "usd",
            "eur",
            "gbp",
            "brl",
            "inr",
            "kes",
            "ksh",
            "cad",
            "aud",
            "nzd",
            "mxn",
            "rs",
            "paid",
            "pay",
            "paying",
            "total",
            "price",
            "cost",
            "costs",
            "amount",
            "owe",
            "deposit",
            "pague",
            "pagar",
            "pago",
            "paguei",
            "valor",
            "precio",
            "preco",
            "importe",
            "sinal",
            "deposito"));
    private static final Set<String> DOLLAR_PREFIXES = Set.of("r", "us", "ca", "c", "au", "a", "nz", "mx");
    private static final Set<String> SUFFIXES = Set.of(
            "€", "$", "usd", "eur", "gbp", "brl", "inr", "kes", "ksh", "cad", "aud", "euro", "euros", "reais", "real",
            "dollar", "dollars", "dolares", "bucks", "pound", "pounds", "libra", "libras", "quid", "rupee", "rupees",
            "rs", "peso", "pesos");
    private static final Pattern TIME_AFTER = Pattern.compile("\\s?(?:[ap]\\.?\\s?m(?![\\p{L}])|h\\b|o'?clock)");
    private static final Pattern TIME_BEFORE = Pattern.compile("(?<![\\p{L}])(?:at|by|a\\s+las|as|until)\\s+$");

    public List<Match<Money>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<Money>> findAll(ChatText chat, NormalizeContext ctx) {
        if (!chat.hasDigit()) {
            return List.of();
        }
        String folded = chat.folded();
        Matches<Money> found = new Matches<>();
        chat.tokens().each(AMOUNT, AmountFinder::amountAt, m -> {
            Match<Money> money = amount(folded, m, ctx.defaultCurrency());
            return money != null && found.add(money.value(), money.start(), money.end(), money.confidence());
        });
        return found.inOrder();
    }

    /**
     * Where an amount can start and be taken: a cue or currency word, a symbol, "R$"-style prefixes only
     * before the "$", and a number only when a separator, a "k" or a currency follows it (a bare number
     * needs one of these to look like money).
     */
    private static boolean amountAt(Tokens t, int i) {
        String w = t.word(i);
        if (t.isNumber(i)) {
            char after = t.after(i);
            return after == '.' || after == ',' || after == 'k' || suffixAfter(t, i);
        }
        if (DOLLAR_PREFIXES.contains(w)) {
            return t.after(i) == '$';
        }
        return STARTS.test(w);
    }

    private static boolean suffixAfter(Tokens t, int i) {
        if (i + 1 >= t.size() || !SUFFIXES.contains(t.word(i + 1))) {
            return false;
        }
        int gap = t.start(i + 1) - t.end(i);
        return gap == 0 || gap == 1 && Tokens.isSpace(t.after(i));
    }

    private static Match<Money> amount(String folded, Matcher m, String defaultCurrency) {
        String symbol = m.group(2) != null ? m.group(2) : m.group(5);
        boolean thousands = m.group(4) != null;
        BigDecimal value = parse(m.group(3), thousands);
        if (value == null) {
            return null;
        }
        int start = m.group(2) != null ? m.start(2) : m.start(3);
        if (symbol != null) {
            return new Match<>(new Money(value, Currencies.iso(symbol, defaultCurrency)), start, m.end(), 0.95);
        }
        if (!looksLikeMoney(m) || isTime(folded, m)) {
            return null;
        }
        return new Match<>(new Money(value, null), start, m.end(), m.group(1) != null ? 0.7 : 0.6);
    }

    private static boolean looksLikeMoney(Matcher m) {
        String number = m.group(3);
        int sep = Math.max(number.lastIndexOf('.'), number.lastIndexOf(','));
        boolean twoDecimals = sep >= 0 && number.length() - sep - 1 == 2;
        boolean grouped = sep >= 0 && number.length() - sep - 1 == 3;
        return m.group(1) != null || m.group(4) != null || twoDecimals || grouped;
    }

    private static boolean isTime(String folded, Matcher m) {
        return TIME_AFTER.matcher(folded).region(m.end(), folded.length()).lookingAt()
                || TIME_BEFORE
                        .matcher(folded)
                        .region(Math.max(0, m.start(3) - 8), m.start(3))
                        .useTransparentBounds(true)
                        .find();
    }

    /** The value of a number as written, per the separator rules above; null when the separators clash. */
    static BigDecimal parse(String number, boolean thousands) {
        int dots = count(number, '.');
        int commas = count(number, ',');
        int last = Math.max(number.lastIndexOf('.'), number.lastIndexOf(','));
        String digits;
        if (last < 0) {
            digits = number;
        } else if (dots > 0 && commas > 0) {
            char decimal = number.charAt(last);
            if (count(number, decimal) > 1) {
                return null;
            }
            digits = strip(number.substring(0, last)) + "." + number.substring(last + 1);
        } else if (dots + commas > 1 || number.length() - last - 1 == 3 && !thousands) {
            if (number.length() - last - 1 != 3) {
                return null; // "1.200.50": one separator cannot both group and mark decimals
            }
            digits = strip(number);
        } else {
            digits = number.substring(0, last) + "." + number.substring(last + 1);
        }
        BigDecimal value = new BigDecimal(digits);
        return thousands ? value.multiply(BigDecimal.valueOf(1000)) : value;
    }

    private static String strip(String number) {
        return number.replace(".", "").replace(",", "");
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
