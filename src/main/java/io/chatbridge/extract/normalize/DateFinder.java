package io.chatbridge.extract.normalize;

import io.chatbridge.extract.normalize.DateResolver.WeekdayRule;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates in English, Spanish and Portuguese chat text and resolves them against the message time.
 *
 * <p>Decisions: numeric d/m is read in the locale's order (month first only for US, PH and PR); if
 * that order is impossible but the other is not ("14/12" in en-US) the other is taken at confidence
 * 0.6. Numeric dates with '.' or '-' need a year, so "7.30", "12.50" and "10-12" are never dates, nor
 * is "24/7". A weekday next to an explicit date ("Sat 14 Dec") is not reported separately.
 * Lower-case "may" followed by a number is May only with an ordinal, a year or nothing after it
 * ("may 14th", "may 14"), never in "may 2 of us come". "Yesterday", "ayer", "ontem" (and the day before)
 * are read, for payments made in the past. A weekday with a day number ("el viernes 27") is the first of
 * the next two such days that falls on that weekday (0.9), else the day number at 0.6. A bare Portuguese
 * "segunda"…"sexta" (also an ordinal) is a weekday at 0.6 only for a business that speaks Portuguese and
 * only where a day fits: at the end, before punctuation, a number or a time word, never after an article
 * or before a noun ("a segunda vez"). Weekday rules are in {@link WeekdayRule};
 * yearless dates follow {@link DateResolver}. Spans cover the date words and meaningful modifiers
 * ("next Friday") but not prepositions or articles ("on", "el").
 */
public final class DateFinder {

    private static final String B = "(?<![\\p{L}\\p{N}])";
    private static final String E = "(?![\\p{L}\\p{N}])";
    // any word, looked up in CalendarWords: far cheaper than a long alternation tried at every position
    private static final String MONTH = "(\\p{L}++)";

    private static final Pattern ISO =
            Pattern.compile("(?<![\\p{L}\\p{N}/.-])(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})(?![\\p{N}]|[/.-]\\p{N})");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\p{L}\\p{N}/.:,$€£₹#+-])(\\d{1,2})([/.-])(\\d{1,2})"
            + "(?:\\2(\\d{4}|\\d{2}))?(?![\\p{L}\\p{N}%$€£]|[/.:,-]\\p{N})");
    private static final Pattern DAY_MONTH = Pattern.compile(B + "(\\d{1,2})(?:st|nd|rd|th|[ºª°o])?"
            + "(?:\\s+(?:of|de)\\s+|\\s*-\\s*|\\s+)" + MONTH + "\\.?(?:,?\\s+(?:de\\s+|del\\s+)?(\\d{4}))?" + E);
    private static final Pattern MONTH_DAY = Pattern.compile(B + MONTH + "\\.?\\s+(?:the\\s+)?(\\d{1,2})(st|nd|rd|th)?"
            + "(?:,?\\s+(\\d{4}))?(?![\\p{L}\\p{N}]|[.,:/]\\p{N})");
    private static final Pattern RELATIVE = Pattern.compile(B + "(day\\s+after\\s+tomorrow|pasado\\s+manana"
            + "|depois\\s+de\\s+amanha|day\\s+before\\s+yesterday|today|tonight|tomorrow|tmrw|tmr|2moro|2morrow|hoy"
            + "|hoje|esta\\s+noche|esta\\s+noite|(?<!la\\s)(?<!esta\\s)manana|amanha|yesterday|anteayer|ayer|anteontem"
            + "|ontem)" + E);
    /** A day of the month right after a weekday ("el viernes 27"), unless it is an hour or a count. */
    private static final Pattern DAY_AFTER_WEEKDAY =
            Pattern.compile("\\s*,?\\s+(\\d{1,2})(?:st|nd|rd|th|[ºª°o])?(?![\\p{L}\\p{N}]|[.,:/]\\p{N})");

    private static final Pattern NOT_A_DAY_AFTER = Pattern.compile("\\s*(?:[ap]\\.?\\s?m(?![\\p{L}])|hs?(?![\\p{L}])"
            + "|hrs?(?![\\p{L}])|horas?|o'?clock|people|persons?|guests?|pax|personas?|pessoas?|adults?|adultos"
            + "|invitados|convidados|lugares|x(?![\\p{L}])|%)");
    private static final Pattern WEEKDAY = Pattern.compile(B + "(?:(this|next|coming|last|on|by|until|till|este|esta"
            + "|el|proximo|proxima|nesta|neste|na|no|essa|esse|nessa|nesse|pra|para)\\s+)?"
            + "(?:(next|coming|proximo|proxima)\\s+)?(\\p{L}++)(-feira|\\s+feira)?"
            + "(?:\\s+(que\\s+viene|que\\s+vem|proximo|proxima|pasado|passado|passada))?" + E);
    private static final Pattern BARE_DAY = Pattern.compile(
            B + "(?:(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)"
                    + "|(?:el|el\\s+dia|o\\s+dia|no\\s+dia|dia|para\\s+el)\\s+(\\d{1,2})[ºo°]?)(?![\\p{L}\\p{N}%]|[.,:/]\\p{N})");

    private static final Set<String> MONTH_FIRST_COUNTRIES = Set.of("US", "PH", "PR");
    /** Days from today by the first word, or by the first two for "day after/before …". */
    private static final Map<String, Integer> RELATIVE_DAYS = Map.ofEntries(
            Map.entry("day after", 2),
            Map.entry("day before", -2),
            Map.entry("pasado", 2),
            Map.entry("depois", 2),
            Map.entry("today", 0),
            Map.entry("tonight", 0),
            Map.entry("hoy", 0),
            Map.entry("hoje", 0),
            Map.entry("esta", 0),
            Map.entry("tomorrow", 1),
            Map.entry("tmrw", 1),
            Map.entry("tmr", 1),
            Map.entry("2moro", 1),
            Map.entry("2morrow", 1),
            Map.entry("manana", 1),
            Map.entry("amanha", 1),
            Map.entry("yesterday", -1),
            Map.entry("ayer", -1),
            Map.entry("ontem", -1),
            Map.entry("anteayer", -2),
            Map.entry("anteontem", -2));

    private static final Set<String> RELATIVE_STARTS = Set.of(
            "day",
            "pasado",
            "depois",
            "today",
            "tonight",
            "hoy",
            "hoje",
            "esta",
            "tomorrow",
            "tmrw",
            "tmr",
            "2",
            "manana",
            "amanha",
            "yesterday",
            "ayer",
            "ontem",
            "anteayer",
            "anteontem");
    /** Portuguese weekdays that are also ordinals ("segunda vez"): bare, they count only where a day fits. */
    private static final Set<String> PORTUGUESE_ORDINAL_WEEKDAYS =
            Set.of("segunda", "terca", "quarta", "quinta", "sexta");
    /** Words after a bare Portuguese weekday that keep it a day: a time, a part of the day, "e", "ou". */
    private static final Set<String> AFTER_BARE_WEEKDAY = Set.of(
            "as", "a", "ao", "de", "da", "do", "pela", "pelas", "cedo", "tarde", "manha", "noite", "e", "ou", "entao",
            "depois", "antes", "mesmo", "pode", "sim", "ok", "que", "por", "para", "pra", "se");
    /** Words before an ordinal: "a segunda opção", "o quinto". */
    private static final Set<String> ORDINAL_BEFORE = Set.of(
            "a",
            "o",
            "um",
            "uma",
            "da",
            "do",
            "sua",
            "seu",
            "minha",
            "meu",
            "nossa",
            "nosso",
            "esta",
            "este",
            "primeira",
            "cada");

    private static final Set<String> BARE_DAY_STARTS = Set.of("on", "the", "el", "o", "no", "dia", "para");
    private static final Set<String> WEEKDAY_STARTS = union(
            CalendarWords.WEEKDAYS.keySet(),
            Set.of(
                    "this", "next", "coming", "last", "on", "by", "until", "till", "este", "esta", "el", "proximo",
                    "proxima", "nesta", "neste", "na", "no", "essa", "esse", "nessa", "nesse", "pra", "para"));
    private static final Set<String> SPAN_MODIFIERS = Set.of(
            "this", "next", "coming", "last", "este", "esta", "proximo", "proxima", "nesta", "neste", "essa", "esse",
            "nessa", "nesse");

    public List<Match<LocalDate>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<LocalDate>> findAll(ChatText chat, NormalizeContext ctx) {
        String text = chat.raw();
        Tokens tokens = chat.tokens();
        LocalDate today = ctx.reference().toLocalDate();
        Matches<LocalDate> found = new Matches<>();
        if (chat.hasDigit()) {
            tokens.each(
                    ISO,
                    (t, i) -> t.isNumber(i) && t.word(i).length() == 4,
                    m -> found.add(explicit(m), m.start(), m.end(), 0.95));
            tokens.each(DAY_MONTH, DateFinder::dayMonthAt, m -> dayMonth(m, today, found));
            tokens.each(MONTH_DAY, CalendarWords.MONTHS::containsKey, m -> monthDay(text, m, today, found));
            boolean monthFirst = monthFirst(ctx.locale());
            tokens.each(
                    NUMERIC,
                    (t, i) -> t.isNumber(i) && t.word(i).length() <= 2 && "/.-".indexOf(t.after(i)) >= 0,
                    m -> numeric(m, today, monthFirst, found));
            tokens.each(
                    BARE_DAY,
                    (t, i) -> BARE_DAY_STARTS.contains(t.word(i)) && (t.isNumber(i + 1) || t.isNumber(i + 2)),
                    m -> bareDay(m, today, found));
        }
        tokens.each(RELATIVE, (t, i) -> RELATIVE_STARTS.contains(t.word(i)), m -> relative(m, today, found));
        int explicit = found.size();
        boolean portuguese = ctx.speaks("pt");
        tokens.each(
                WEEKDAY,
                (t, i) -> WEEKDAY_STARTS.contains(t.word(i)) && t.anyOf(i, i + 2, CalendarWords.WEEKDAYS::containsKey),
                m -> weekday(tokens.text(), m, today, explicit, portuguese, found));
        return found.inOrder();
    }

    /** "14 Dec", "14th of December", "14 de dezembro": a day number with a month name one or two words on. */
    private static boolean dayMonthAt(Tokens t, int i) {
        return t.isNumber(i) && t.word(i).length() <= 2 && t.anyOf(i + 1, i + 2, CalendarWords.MONTHS::containsKey);
    }

    private static boolean monthFirst(Locale locale) {
        return MONTH_FIRST_COUNTRIES.contains(locale.getCountry());
    }

    private static LocalDate explicit(Matcher m) {
        return DateResolver.explicit(num(m, 1), num(m, 3), num(m, 4));
    }

    private static boolean dayMonth(Matcher m, LocalDate today, Matches<LocalDate> found) {
        Integer month = CalendarWords.MONTHS.get(m.group(2));
        return month != null && found.add(resolve(today, m.group(3), month, num(m, 1)), m.start(), m.end(), 0.9);
    }

    private static boolean monthDay(String text, Matcher m, LocalDate today, Matches<LocalDate> found) {
        int month = CalendarWords.MONTHS.get(m.group(1));
        if (m.group(1).equals("may") && !looksLikeMay(text, m)) {
            return false;
        }
        return found.add(resolve(today, m.group(4), month, num(m, 2)), m.start(), m.end(), 0.9);
    }

    /** "May 14", "may 14th", "may 14, 2027", "on may 14." but not "may 2 of us come". */
    private static boolean looksLikeMay(String text, Matcher m) {
        if (text.charAt(m.start()) == 'M' || m.group(3) != null || m.group(4) != null) {
            return true;
        }
        int next = m.end();
        while (next < text.length() && text.charAt(next) == ' ') {
            next++;
        }
        return next == text.length() || ",.!?;)".indexOf(text.charAt(next)) >= 0;
    }

    private static boolean numeric(Matcher m, LocalDate today, boolean monthFirst, Matches<LocalDate> found) {
        boolean slash = m.group(2).equals("/");
        if (m.group(4) == null && (!slash || m.group().equals("24/7"))) {
            return false;
        }
        int first = num(m, 1);
        int second = num(m, 3);
        LocalDate preferred =
                monthFirst ? resolve(today, m.group(4), first, second) : resolve(today, m.group(4), second, first);
        if (preferred != null) {
            return found.add(preferred, m.start(), m.end(), m.group(4) == null ? 0.8 : 0.9);
        }
        LocalDate swapped =
                monthFirst ? resolve(today, m.group(4), second, first) : resolve(today, m.group(4), first, second);
        return found.add(swapped, m.start(), m.end(), 0.6);
    }

    private static boolean relative(Matcher m, LocalDate today, Matches<LocalDate> found) {
        String[] words = m.group(1).split("\\s+", 3);
        Integer days = RELATIVE_DAYS.get(words[0]);
        if (days == null) {
            days = RELATIVE_DAYS.get(words[0] + " " + words[1]);
        }
        return found.add(today.plusDays(days), m.start(), m.end(), 0.95);
    }

    private static boolean weekday(
            String folded, Matcher m, LocalDate today, int explicit, boolean portuguese, Matches<LocalDate> found) {
        String day = m.group(3);
        boolean modified = m.group(1) != null || m.group(2) != null || m.group(4) != null || m.group(5) != null;
        boolean bare = !modified && CalendarWords.WEEKDAYS_NEEDING_CONTEXT.contains(day);
        if (!CalendarWords.WEEKDAYS.containsKey(day) || bare && !(portuguese && bareDayFits(folded, m))) {
            return false; // "until last Friday": the next token ("last") gets its own try
        }
        if (found.touches(m.start(3), m.end(), 3, explicit)) {
            return true; // "Saturday 14 Dec", "sábado, 14/12": the explicit date already says it
        }
        Matcher dayOfMonth = DAY_AFTER_WEEKDAY.matcher(folded).region(m.end(), folded.length());
        if (dayOfMonth.lookingAt()
                && !NOT_A_DAY_AFTER
                        .matcher(folded)
                        .region(dayOfMonth.end(), folded.length())
                        .lookingAt()) {
            return weekdayAndDay(m, dayOfMonth, today, found);
        }
        WeekdayRule rule = weekdayRule(m);
        double confidence = bare ? 0.6 : rule == WeekdayRule.NEXT_WEEK ? 0.7 : 0.85;
        LocalDate date = DateResolver.weekday(today, CalendarWords.WEEKDAYS.get(day), rule);
        return found.add(date, weekdaySpanStart(m), m.end(), confidence);
    }

    /**
     * "el viernes 27": the first of the next two 27ths that is a Friday; when neither is, the day number
     * wins over the weekday, at a confidence that says the two disagreed.
     */
    private static boolean weekdayAndDay(Matcher m, Matcher dayOfMonth, LocalDate today, Matches<LocalDate> found) {
        int day = Integer.parseInt(dayOfMonth.group(1));
        List<LocalDate> next = DateResolver.nextWithDayOfMonth(today, day, 2);
        if (next.isEmpty()) {
            return false;
        }
        java.time.DayOfWeek weekday = CalendarWords.WEEKDAYS.get(m.group(3));
        LocalDate date = next.stream()
                .filter(d -> d.getDayOfWeek() == weekday)
                .findFirst()
                .orElse(null);
        int start = weekdaySpanStart(m);
        return date != null
                ? found.add(date, start, dayOfMonth.end(), 0.9)
                : found.add(next.get(0), start, dayOfMonth.end(), 0.6);
    }

    /**
     * A bare "segunda" or "terça" is a day, not an ordinal, when nothing that it could count follows it:
     * the end of the message, punctuation, a number or a time ("segunda às 10h", "pode ser terça?"), and no
     * article stands before it ("a segunda opção").
     */
    private static boolean bareDayFits(String folded, Matcher m) {
        if (!PORTUGUESE_ORDINAL_WEEKDAYS.contains(m.group(3))
                || ORDINAL_BEFORE.contains(wordBefore(folded, m.start(3)))) {
            return false;
        }
        int i = m.end();
        while (i < folded.length() && folded.charAt(i) == ' ') {
            i++;
        }
        if (i == folded.length() || !Character.isLetterOrDigit(folded.charAt(i))) {
            return true;
        }
        int end = i;
        while (end < folded.length() && Character.isLetter(folded.charAt(end))) {
            end++;
        }
        return Character.isDigit(folded.charAt(i)) || AFTER_BARE_WEEKDAY.contains(folded.substring(i, end));
    }

    private static String wordBefore(String folded, int at) {
        int end = at;
        while (end > 0 && !Character.isLetter(folded.charAt(end - 1))) {
            if (folded.charAt(end - 1) != ' ') {
                return "";
            }
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(folded.charAt(start - 1))) {
            start--;
        }
        return folded.substring(start, end);
    }

    private static WeekdayRule weekdayRule(Matcher m) {
        String words = " " + m.group(1) + " " + m.group(2) + " " + m.group(5) + " ";
        if (words.contains(" last ") || words.contains(" pasado ") || words.contains(" passad")) {
            return WeekdayRule.BEFORE;
        }
        if (words.contains(" next ")) {
            return WeekdayRule.NEXT_WEEK;
        }
        if (words.contains(" proxim") || words.contains(" coming ") || words.contains(" que ")) {
            return WeekdayRule.AFTER;
        }
        return WeekdayRule.ON_OR_AFTER;
    }

    private static int weekdaySpanStart(Matcher m) {
        if (m.group(1) != null && SPAN_MODIFIERS.contains(m.group(1))) {
            return m.start(1);
        }
        return m.group(2) != null ? m.start(2) : m.start(3);
    }

    private static boolean bareDay(Matcher m, LocalDate today, Matches<LocalDate> found) {
        int group = m.group(1) != null ? 1 : 2;
        return found.add(DateResolver.dayOfMonth(today, num(m, group)), m.start(group), m.end(), 0.7);
    }

    private static LocalDate resolve(LocalDate today, String year, int month, int day) {
        if (year == null) {
            return DateResolver.yearless(today, month, day);
        }
        int y = Integer.parseInt(year);
        return DateResolver.explicit(y < 100 ? 2000 + y : y, month, day);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
