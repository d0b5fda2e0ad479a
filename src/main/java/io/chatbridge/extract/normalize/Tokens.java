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
     * Tries {@code pattern} at every token {@code trigger} accepts; when {@code onMatch} takes the
     * match (returns true) scanning resumes after it, otherwise at the next token.
     */
    void each(Pattern pattern, Predicate<String> trigger, Predicate<Matcher> onMatch) {
        Matcher m = null;
        int resumeAt = 0;
        for (int i = 0; i < size; i++) {
            if (starts[i] < resumeAt || !trigger.test(words[i])) {
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
