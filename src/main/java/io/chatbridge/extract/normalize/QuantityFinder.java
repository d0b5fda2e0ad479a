package io.chatbridge.extract.normalize;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds counts: "8 people", "for 8", "party of 8", "2x", "x2", "half a dozen", "two", "duas", "dos".
 *
 * <p>Decisions: a digit counts only next to something that makes it a count (a noun, "for"/"para",
 * "x"), never when it is part of a time, date, price or phone; at most three digits. Number words
 * must be whole words ("someone" is not "one") and count on their own (confidence 0.7), except the
 * articles ("one", "un", "uma"…) and words that mean something else in a language the business speaks
 * ("once" in English, "dos"/"doce" in Portuguese), which count only before a people noun or after
 * "for"/"para"/"pra". A number followed by "de" and a kind right after "y", "e", "and" or a comma counts
 * too ("3 empanadas de carne y 2 de pollo"). Spans cover the number (and "x", "dozen"), not the noun.
 */
public final class QuantityFinder {

    // any word, looked up in NumberWords: far cheaper than a 70-word alternation tried at every position
    private static final String NUM = "(\\d{1,3}|\\p{L}++)";
    private static final String DIGITS_START = "(?<![\\p{L}\\p{N}.,:/$€£₹#+-])";
    private static final String E = "(?![\\p{L}\\p{N}]|[.,:/]\\p{N})";

    private static final Pattern DOZEN = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(half\\s+a|media|meia)\\s+|(a|"
            + NumberWords.ALTERNATION + "|\\d{1,2})\\s+)?(?:dozen|docena|duzia)s?(?![\\p{L}\\p{N}])");
    private static final Predicate<String> NUMBER_STARTS = Tokens.numberOr(NumberWords.VALUES.keySet());
    private static final Set<String> DOZEN_WORDS =
            Set.of("half", "media", "meia", "a", "dozen", "dozens", "docena", "docenas", "duzia", "duzias");
    private static final Predicate<String> DOZEN_STARTS = t -> NUMBER_STARTS.test(t) || DOZEN_WORDS.contains(t);
    private static final Set<String> COUPLE_STARTS = Set.of("a", "un", "um");
    private static final Set<String> COUPLE_WORDS = Set.of("couple", "par");
    private static final Set<String> DOZENS = Set.of("dozen", "dozens", "docena", "docenas", "duzia", "duzias");
    private static final Set<String> PEOPLE_NOUNS = Set.of(
            "people",
            "person",
            "persons",
            "guest",
            "guests",
            "pax",
            "adult",
            "adults",
            "kids",
            "children",
            "persona",
            "personas",
            "pessoa",
            "pessoas",
            "adultos",
            "ninos",
            "criancas",
            "comensales",
            "invitados",
            "convidados",
            "seats",
            "covers",
            "lugares");
    private static final Set<String> CUE_STARTS =
            Set.of("table", "party", "group", "mesa", "for", "para", "somos", "seremos", "we", "pra");
    private static final Set<String> AND_WORDS = Set.of("y", "e", "and");
    private static final Predicate<String> TIMES_STARTS = Tokens.numberOr(Set.of("x"));
    private static final Pattern COUPLE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:a\\s+couple(?:\\s+of)?|un\\s+par\\s+de|um\\s+par\\s+de)(?![\\p{L}\\p{N}])");
    private static final Pattern PEOPLE = Pattern.compile(DIGITS_START + NUM + "\\s+(?:people|persons?|guests?|pax"
            + "|adults?|kids|children|personas?|pessoas?|adultos|ninos|criancas|comensales|invitados|convidados"
            + "|seats|covers|lugares)(?![\\p{L}\\p{N}])");
    private static final Pattern CUE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:table\\s+for|party\\s+of|group\\s+of"
            + "|mesa\\s+para|mesa\\s+pra|for|para|pra|somos|seremos|we\\s+are|we're|we\\s+will\\s+be|we'll\\s+be)\\s+"
            + NUM + E);
    /** "3 empanadas de carne y 2 de pollo": a count that names only the kind, after "y", "e", "and" or a comma. */
    private static final Pattern KIND_ONLY =
            Pattern.compile(DIGITS_START + "(\\d{1,3})\\s+(?:de|del|do|da|of)\\s+(\\p{L}{2,})");

    private static final Pattern TIMES =
            Pattern.compile(DIGITS_START + "(?:(\\d{1,3})\\s?x|x\\s?(\\d{1,3}))(?![\\p{L}\\p{N}]|[.,:/]\\p{N})");
    private static final Pattern DIGIT_NOUN = Pattern.compile(DIGITS_START + "(\\d{1,3})\\s+(\\p{L}[\\p{L}']+)");
    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{L}++)(?![\\p{N}-])");
    private static final Pattern NOT_A_COUNT_AFTER = Pattern.compile("\\s*(?:[ap]\\.?\\s?m(?![\\p{L}])|hs?(?![\\p{L}])"
            + "|o'?clock|(?:(?:de|del|of)\\s+)?(?:" + CalendarWords.MONTH_ALTERNATION + ")(?![\\p{L}])|de\\s+la\\s"
            + "|da\\s+(?:noite|tarde|manha)|in\\s+the\\s|at\\s+night|tonight|y\\s+media|e\\s+meia|€|\\$|£|%"
            + "|euros?|reais|dollars?|dolares|pesos?|quid|pounds?|k(?![\\p{L}])"
            + "|(?:minutes?|mins?|hours?|hrs?|days?|weeks?|minutos?|horas?|dias?|semanas?)(?![\\p{L}]))");
    private static final Set<String> NOT_COUNTED = Set.of(
            "am",
            "pm",
            "h",
            "hs",
            "hr",
            "hrs",
            "hour",
            "hours",
            "hora",
            "horas",
            "min",
            "mins",
            "minute",
            "minutes",
            "minuto",
            "minutos",
            "sec",
            "secs",
            "second",
            "seconds",
            "segundos",
            "day",
            "days",
            "dia",
            "dias",
            "week",
            "weeks",
            "semana",
            "semanas",
            "month",
            "months",
            "mes",
            "meses",
            "year",
            "years",
            "ano",
            "anos",
            "de",
            "del",
            "da",
            "do",
            "das",
            "dos",
            "of",
            "y",
            "e",
            "and",
            "o",
            "to",
            "or",
            "ou",
            "at",
            "em",
            "en",
            "el",
            "la",
            "las",
            "los",
            "the",
            "a",
            "st",
            "nd",
            "rd",
            "th",
            "oclock",
            "o'clock",
            "tonight",
            "today",
            "tomorrow",
            "morning",
            "evening",
            "afternoon",
            "night",
            "noche",
            "noite",
            "tarde",
            "manana",
            "manha",
            "madrugada",
            "hoy",
            "hoje",
            "amanha",
            "euro",
            "euros",
            "reais",
            "real",
            "dollar",
            "dollars",
            "pound",
            "pounds",
            "quid",
            "bucks",
            "libras",
            "dolares",
            "rupees",
            "peso",
            "pesos",
            "yesterday",
            "ayer",
            "ontem",
            "usd",
            "eur",
            "gbp",
            "brl",
            "ksh",
            "kes",
            "inr",
            "km",
            "kg",
            "g",
            "ml",
            "l",
            "cm",
            "mm",
            "m",
            "percent",
            "por",
            "x",
            "k",
            "is",
            "are",
            "stars",
            "star",
            "menos",
            "past");

    public List<Match<Integer>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<Integer>> findAll(ChatText chat, NormalizeContext ctx) {
        String folded = chat.folded();
        Tokens tokens = chat.tokens();
        Matches<Integer> found = new Matches<>();
        tokens.each(
                DOZEN,
                (t, i) -> DOZEN_STARTS.test(t.word(i)) && t.anyOf(i, i + 2, DOZENS::contains),
                m -> found.add(dozens(m), m.start(), m.end(), 0.9));
        tokens.each(
                COUPLE,
                (t, i) -> COUPLE_STARTS.contains(t.word(i)) && COUPLE_WORDS.contains(t.word(i + 1)),
                m -> found.add(2, m.start(), m.end(), 0.8));
        tokens.each(
                PEOPLE,
                (t, i) -> NUMBER_STARTS.test(t.word(i)) && PEOPLE_NOUNS.contains(t.word(i + 1)),
                m -> count(folded, m, found, 0.95, false));
        tokens.each(
                CUE,
                (t, i) -> CUE_STARTS.contains(t.word(i)) && t.anyOf(i + 1, i + 3, NUMBER_STARTS),
                m -> count(folded, m, found, 0.9, true));
        if (chat.hasDigit()) {
            tokens.each(
                    TIMES,
                    QuantityFinder::timesAt,
                    m -> found.add(value(m.group(1) != null ? m.group(1) : m.group(2)), m.start(), m.end(), 0.9));
            tokens.each(
                    DIGIT_NOUN,
                    (t, i) -> t.isNumber(i) && Tokens.isSpace(t.after(i)),
                    m -> digitBeforeNoun(folded, m, found));
            tokens.each(KIND_ONLY, QuantityFinder::afterAnd, m -> kindOnly(folded, m, found));
        }
        tokens.each(WORD, NumberWords.VALUES::containsKey, m -> word(folded, m, ctx, found));
        return found.inOrder();
    }

    /** "2x", "2 x", "x2", "x 2": an x right after the number, or a number right after the x. */
    private static boolean timesAt(Tokens t, int i) {
        String w = t.word(i);
        boolean x = w.equals("x");
        if (!x && !t.isNumber(i)) {
            return false;
        }
        String folded = t.text();
        int after = t.end(i);
        if (after < folded.length() && Tokens.isSpace(folded.charAt(after))) {
            after++;
        }
        if (after >= folded.length()) {
            return false;
        }
        char next = folded.charAt(after);
        return x ? next >= '0' && next <= '9' : next == 'x';
    }

    /** The value of "two", "duas", "dieciséis", "a dozen", "meia dúzia" or "8"; empty when it is none of these. */
    public Optional<Integer> parseNumberWord(String word) {
        String folded = TextCleaner.fold(word == null ? "" : word).strip();
        Matcher dozen = DOZEN.matcher(folded);
        if (dozen.matches()) {
            return Optional.ofNullable(dozens(dozen));
        }
        if (!folded.isEmpty() && folded.length() <= 3 && folded.chars().allMatch(Character::isDigit)) {
            return Optional.of(Integer.parseInt(folded));
        }
        return Optional.ofNullable(NumberWords.VALUES.get(folded));
    }

    private static Integer dozens(Matcher m) {
        if (m.group(1) != null) {
            return 6;
        }
        String count = m.group(2);
        if (count == null || count.equals("a")) {
            return 12;
        }
        Integer n = value(count);
        return n == null ? null : n * 12;
    }

    private static boolean count(
            String folded, Matcher m, Matches<Integer> found, double confidence, boolean checkAfter) {
        Integer value = value(m.group(1));
        if (value == null
                || checkAfter
                        && NOT_A_COUNT_AFTER
                                .matcher(folded)
                                .region(m.end(), folded.length())
                                .lookingAt()) {
            return false;
        }
        return found.add(value, m.start(1), m.end(1), confidence);
    }

    private static boolean digitBeforeNoun(String folded, Matcher m, Matches<Integer> found) {
        String noun = m.group(2);
        boolean counted = !NOT_COUNTED.contains(noun)
                && !CalendarWords.MONTHS.containsKey(noun)
                && !CalendarWords.WEEKDAYS.containsKey(noun);
        return counted
                && !NOT_A_COUNT_AFTER
                        .matcher(folded)
                        .region(m.end(1), folded.length())
                        .lookingAt()
                && found.add(value(m.group(1)), m.start(1), m.end(1), 0.7);
    }

    private static boolean afterAnd(Tokens t, int i) {
        if (!t.isNumber(i) || i == 0) {
            return false;
        }
        String between = t.text().substring(t.end(i - 1), t.start(i)).strip();
        return AND_WORDS.contains(t.word(i - 1)) || between.equals(",");
    }

    private static boolean kindOnly(String folded, Matcher m, Matches<Integer> found) {
        String kind = m.group(2);
        boolean counted = !NOT_COUNTED.contains(kind)
                && !CalendarWords.MONTHS.containsKey(kind)
                && !CalendarWords.WEEKDAYS.containsKey(kind);
        return counted
                && !NOT_A_COUNT_AFTER
                        .matcher(folded)
                        .region(m.end(1), folded.length())
                        .lookingAt()
                && found.add(value(m.group(1)), m.start(1), m.end(1), 0.7);
    }

    private static boolean word(String folded, Matcher m, NormalizeContext ctx, Matches<Integer> found) {
        String word = m.group(1);
        String otherMeaning = NumberWords.FALSE_FRIENDS.get(word);
        boolean ambiguous = NumberWords.ARTICLES.contains(word) || otherMeaning != null && ctx.speaks(otherMeaning);
        return !ambiguous
                && !NOT_A_COUNT_AFTER
                        .matcher(folded)
                        .region(m.end(), folded.length())
                        .lookingAt()
                && found.add(NumberWords.VALUES.get(word), m.start(), m.end(), 0.7);
    }

    private static Integer value(String token) {
        return Character.isDigit(token.charAt(0)) ? Integer.valueOf(token) : NumberWords.VALUES.get(token);
    }
}
