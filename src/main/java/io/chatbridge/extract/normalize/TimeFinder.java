package io.chatbridge.extract.normalize;

import io.chatbridge.extract.normalize.DayPeriod.Half;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds clock times in English, Spanish and Portuguese chat text.
 *
 * <p>Decisions: a bare hour is read literally, never guessed to be PM: "half past 6" and "at 8" are
 * 06:30 and 08:00 at confidence 0.6–0.7, so a mapping that knows its opening hours can move them; "pm",
 * "evening", "tonight", "de la noche", "da tarde" and the like make it PM (night: 6–11 → PM, 12 → 00:00).
 * "12 am" is 00:00 and "12 pm" 12:00. A number needs a clock shape ("19:30", "19h30", "7pm") or a cue
 * ("at", "a las", "às", "by") to be a time; "7.30" needs a cue or a half of the day (else it may be a
 * price); "2h" after "in"/"for"/"em" is a duration, not a time. Spans exclude the cue ("at").
 */
public final class TimeFinder {

    private static final Map<String, Integer> HOUR_WORDS = NumberWords.VALUES.entrySet().stream()
            .filter(e -> e.getValue() >= 1 && e.getValue() <= 12)
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    // any word, looked up in HOUR_WORDS: far cheaper than a long alternation tried at every position
    private static final String HOUR = "(\\d{1,2}|\\p{L}++)";
    private static final String CUE = "(?:(at|around|by|from|until|till|a\\s+las|a\\s+la|para\\s+las|para\\s+la"
            + "|desde\\s+las|hasta\\s+las|ate\\s+as|a\\s+partir\\s+das|pelas|das|as)\\s+)?";

    private static final Pattern WORDS = Pattern.compile("(?<![\\p{L}\\p{N}])(noon|midday|mediodia|meio-dia"
            + "|meio\\s+dia|midnight|medianoche|meia-noite|meia\\s+noite)(?![\\p{L}\\p{N}])");
    private static final Pattern PHRASE = Pattern.compile("(?<![\\p{L}\\p{N}])" + CUE
            + "(?:(half|quarter|\\d{1,2})\\s+past\\s+" + HOUR + "|(quarter)\\s+to\\s+" + HOUR
            + "|" + HOUR + "\\s+(?:y|e)\\s+(media|meia|cuarto|quarto)|" + HOUR + "\\s+menos\\s+(cuarto|quarto))"
            + "(?![\\p{L}\\p{N}])");
    private static final Pattern CLOCK = Pattern.compile("(?<![\\p{L}\\p{N}.,:/$€£₹#+-])" + CUE + HOUR
            + "(?:(:)(\\d{2})(?::\\d{2})?|(\\.)(\\d{2})|(h)(\\d{2})?s?(?![\\p{L}]))?(?![\\p{N}]|[:.,/]\\p{N})");
    private static final Set<String> WORD_STARTS =
            Set.of("noon", "midday", "mediodia", "meio", "midnight", "medianoche", "meia");
    private static final Set<String> CUE_STARTS = Set.of(
            "at", "around", "by", "from", "until", "till", "a", "para", "desde", "hasta", "ate", "pelas", "das", "as");
    private static final Predicate<String> CLOCK_STARTS =
            t -> Tokens.NUMBER.test(t) || CUE_STARTS.contains(t) || HOUR_WORDS.containsKey(t);
    private static final Predicate<String> PHRASE_STARTS =
            t -> CLOCK_STARTS.test(t) || t.equals("half") || t.equals("quarter");
    /** The words that join the parts of a {@link #PHRASE}: "half past", "quarter to", "y media", "menos cuarto". */
    private static final Set<String> PHRASE_LINKS = Set.of("past", "to", "y", "e", "menos");

    private static final Predicate<String> HOUR_OR_NUMBER = w -> Tokens.NUMBER.test(w) || HOUR_WORDS.containsKey(w);
    private static final Pattern NOT_A_TIME_AFTER = Pattern.compile("\\s*(?:people|persons?|guests?|pax|personas?"
            + "|pessoas?|adults?|kids|of\\b|x\\b|%|kg|km|min|hours?|horas?|days?|dias?|€|\\$|£|euros?|reais)");
    private static final Pattern DURATION_BEFORE =
            Pattern.compile("(?<![\\p{L}])(?:in|for|em|en|durante|within|after|apos|por|every|cada)\\s+$");

    public List<Match<LocalTime>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<LocalTime>> findAll(ChatText chat, NormalizeContext ctx) {
        String text = chat.raw();
        String folded = chat.folded();
        Tokens tokens = chat.tokens();
        Matches<LocalTime> found = new Matches<>();
        tokens.each(WORDS, WORD_STARTS::contains, m -> word(m, found));
        tokens.each(
                PHRASE,
                (t, i) -> PHRASE_STARTS.test(t.word(i)) && t.anyOf(i + 1, i + 4, PHRASE_LINKS::contains),
                m -> phrase(text, folded, m, ctx, found));
        tokens.each(CLOCK, TimeFinder::clockAt, m -> clock(text, folded, m, ctx, found));
        return found.inOrder();
    }

    /** An hour (digits or a number word), or a cue with an hour within the next three words ("a partir das 8"). */
    private static boolean clockAt(Tokens t, int i) {
        String w = t.word(i);
        if (t.isNumber(i) || HOUR_WORDS.containsKey(w)) {
            return true;
        }
        return CUE_STARTS.contains(w) && t.anyOf(i + 1, i + 3, HOUR_OR_NUMBER);
    }

    private static boolean word(Matcher m, Matches<LocalTime> found) {
        String w = m.group(1);
        boolean night = w.endsWith("night") || w.endsWith("noche") || w.endsWith("noite");
        return found.add(night ? LocalTime.MIDNIGHT : LocalTime.NOON, m.start(), m.end(), 0.95);
    }

    private static boolean phrase(
            String text, String folded, Matcher m, NormalizeContext ctx, Matches<LocalTime> found) {
        boolean cue = cueAccepted(text, m, ctx);
        DayPeriod.Found period = DayPeriod.after(folded, m.end());
        boolean spanishOrPortuguese = m.group(6) != null || m.group(8) != null;
        if (spanishOrPortuguese && !cue && period == null) {
            return false; // "dos y media" alone is as likely two and a half of something
        }
        int hourIndex = m.group(3) != null ? 3 : m.group(5) != null ? 5 : m.group(6) != null ? 6 : 8;
        int hour = hour(m.group(hourIndex));
        LocalTime time = hour < 0 ? null : atHour(hour, period);
        if (time == null) {
            return false;
        }
        int end = period == null ? m.end() : period.end();
        return found.add(time.plusMinutes(phraseMinutes(m)), phraseStart(m), end, period == null ? 0.7 : 0.95);
    }

    private static int phraseStart(Matcher m) {
        int group = 2;
        while (m.group(group) == null) {
            group++;
        }
        return m.start(group);
    }

    private static long phraseMinutes(Matcher m) {
        if (m.group(2) != null) {
            return m.group(2).equals("half") ? 30 : m.group(2).equals("quarter") ? 15 : Integer.parseInt(m.group(2));
        }
        if (m.group(7) != null) {
            return m.group(7).startsWith("me") ? 30 : 15;
        }
        return -15;
    }

    private static boolean clock(
            String text, String folded, Matcher m, NormalizeContext ctx, Matches<LocalTime> found) {
        int hour = hour(m.group(2));
        int minute = m.group(4) != null
                ? num(m.group(4))
                : m.group(6) != null ? num(m.group(6)) : m.group(8) != null ? num(m.group(8)) : 0;
        if (hour < 0
                || minute > 59
                || NOT_A_TIME_AFTER
                        .matcher(folded)
                        .region(m.end(), folded.length())
                        .lookingAt()) {
            return false;
        }
        DayPeriod.Found period = DayPeriod.after(folded, m.end());
        boolean shaped = m.group(3) != null || m.group(7) != null && !isDuration(folded, m.start(2));
        if (!shaped && !cueAccepted(text, m, ctx) && period == null) {
            return false;
        }
        LocalTime time = atHour(hour, period);
        int end = period == null ? m.end() : period.end();
        return time != null && found.add(time.plusMinutes(minute), m.start(2), end, clockConfidence(m, hour, period));
    }

    private static double clockConfidence(Matcher m, int hour, DayPeriod.Found period) {
        if (period != null && period.half() != Half.NONE) {
            return 0.95;
        }
        boolean shaped = m.group(3) != null || m.group(7) != null;
        boolean unambiguous = hour == 0 || hour >= 13 || m.group(2).startsWith("0");
        if (shaped) {
            return unambiguous ? 0.9 : 0.75;
        }
        return unambiguous ? 0.8 : 0.6;
    }

    private static LocalTime atHour(int hour, DayPeriod.Found period) {
        int clock = DayPeriod.toClock(hour, period == null ? Half.NONE : period.half());
        return clock < 0 ? null : LocalTime.of(clock, 0);
    }

    /** "as" is English too: it is a time cue only when written "às" or when the business speaks Portuguese. */
    private static boolean cueAccepted(String text, Matcher m, NormalizeContext ctx) {
        String cue = m.group(1);
        if (cue == null) {
            return false;
        }
        return !cue.equals("as")
                || text.charAt(m.start(1)) == 'à'
                || text.charAt(m.start(1)) == 'À'
                || ctx.speaks("pt");
    }

    private static boolean isDuration(String folded, int start) {
        return DURATION_BEFORE
                .matcher(folded)
                .region(Math.max(0, start - 12), start)
                .useTransparentBounds(true)
                .find();
    }

    private static int hour(String token) {
        if (Character.isDigit(token.charAt(0))) {
            return num(token);
        }
        Integer word = HOUR_WORDS.get(token);
        return word != null ? word : -1;
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }
}
