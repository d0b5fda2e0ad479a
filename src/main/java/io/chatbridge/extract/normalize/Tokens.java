package io.chatbridge.extract.normalize;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a pattern may start in folded text: at the start of a word, of a number, or at a currency sign
 * or '#'. Running each pattern with {@code lookingAt()} only at tokens its first word can begin with is
 * many times faster than {@code find()}, which tries (and evaluates lookbehinds at) every character.
 */
final class Tokens {

    static final Predicate<String> NUMBER = t -> isDigit(t.charAt(0));
    static final Predicate<String> ANY = t -> true;
    private static final String SYMBOLS = "#$€£₹+";

    private final String folded;
    private final int[] starts;
    private final String[] words;
    private final int size;

    private Tokens(String folded) {
        this.folded = folded;
        int[] s = new int[folded.length()];
        String[] w = new String[folded.length()];
        int n = 0;
        for (int i = 0; i < folded.length(); ) {
            int end = tokenEnd(folded, i);
            if (end > i) {
                s[n] = i;
                w[n++] = folded.substring(i, end);
                i = end;
            } else {
                i++;
            }
        }
        this.starts = s;
        this.words = w;
        this.size = n;
    }

    static Tokens of(String folded) {
        return new Tokens(folded);
    }

    static Predicate<String> numberOr(Set<String> words) {
        return t -> isDigit(t.charAt(0)) || words.contains(t);
    }

    /**
     * Decides from a token and its neighbours whether a pattern can match there at all: a cheap
     * necessary condition, so the regular expression runs only where it has a chance.
     */
    interface Trigger {
        boolean test(Tokens tokens, int i);
    }

    /**
     * Tries {@code pattern} at every token {@code trigger} accepts; when {@code onMatch} takes the
     * match (returns true) scanning resumes after it, otherwise at the next token.
     */
    void each(Pattern pattern, Predicate<String> trigger, Predicate<Matcher> onMatch) {
        each(pattern, (t, i) -> trigger.test(t.words[i]), onMatch);
    }

    /** As {@link #each(Pattern, Predicate, Predicate)}, with a trigger that may look at the neighbours. */
    void each(Pattern pattern, Trigger trigger, Predicate<Matcher> onMatch) {
        Matcher m = null;
        int resumeAt = 0;
        for (int i = 0; i < size; i++) {
            if (starts[i] < resumeAt || !trigger.test(this, i)) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(folded).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(starts[i], folded.length());
            if (m.lookingAt() && onMatch.test(m)) {
                resumeAt = m.end();
            }
        }
    }

    int size() {
        return size;
    }

    /** The folded text the tokens come from. */
    String text() {
        return folded;
    }

    /** The token, or "" past the last one. */
    String word(int i) {
        return i < size ? words[i] : "";
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return starts[i] + words[i].length();
    }

    boolean isNumber(int i) {
        return i < size && isDigit(words[i].charAt(0));
    }

    /** The character right after token {@code i}, or 0 at the end of the text. */
    char after(int i) {
        int end = end(i);
        return end < folded.length() ? folded.charAt(end) : 0;
    }

    /** True when one of the tokens {@code from..to} (inclusive, clipped to the text) passes {@code test}. */
    boolean anyOf(int from, int to, Predicate<String> test) {
        for (int j = from; j <= to && j < size; j++) {
            if (test.test(words[j])) {
                return true;
            }
        }
        return false;
    }

    private static int tokenEnd(String text, int i) {
        char c = text.charAt(i);
        if (SYMBOLS.indexOf(c) >= 0) {
            return i + 1;
        }
        boolean letter = Character.isLetter(c);
        if (!letter && !isDigit(c) || i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            return i;
        }
        int end = i + 1;
        while (end < text.length() && (letter ? Character.isLetter(text.charAt(end)) : isDigit(text.charAt(end)))) {
            end++;
        }
        return end;
    }

    /** {@code \s} as java.util.regex reads it. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
