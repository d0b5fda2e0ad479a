package io.chatbridge.extract.internal;

import io.chatbridge.extract.normalize.TextCleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every phrase of a mapping set (keywords, exclusions, cues, vocabulary) in one index over folded words,
 * so a message is scanned once for all of them instead of once per record type and field with a long
 * regular-expression alternation tried at every character.
 *
 * <p>A phrase matches as the alternation {@code (?<![\p{L}\p{N}])(?:…)(?![\p{L}\p{N}])} did: whole
 * words, each space standing for one or more whitespace characters, a trailing {@code *} for any
 * further letters. A {@link PhraseSet} tries its phrases in the alternation's order at each position,
 * left to right, so counts, first matches and spans are what the regular expression gave.
 */
final class PhraseIndex {

    private final List<Phrase> phrases = new ArrayList<>();
    private final Map<String, Integer> idOf = new HashMap<>();
    private final Map<String, int[]> byFirstWord = new HashMap<>();
    private int[] prefixes = new int[0];
    /** First characters of the {@code prefixes}: most words start with none of them. */
    private String prefixStarts = "";

    /** One folded phrase: its literal body and whether a trailing {@code *} lets the last word go on. */
    private record Phrase(String body, boolean star) {}

    /**
     * A set of phrases in the order the old alternation tried them (longest regular expression first).
     *
     * @param rank for each phrase id of the index, its place in this set, or -1 when not a member
     */
    record PhraseSet(int[] rank) {}

    /** Whether a phrase can be indexed by its first word; others (starting with a symbol) are not supported. */
    static boolean indexable(String raw) {
        String folded = TextCleaner.fold(raw.trim());
        String body = folded.endsWith("*") ? folded.substring(0, folded.length() - 1) : folded;
        if (body.isEmpty() || !isLetterOrNumber(body.codePointAt(0))) {
            return false;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != ' ' && isRegexSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Adds phrases to the index and returns them as a set; null when there are none. */
    PhraseSet set(Collection<List<String>> lists) {
        List<String> raws = new ArrayList<>();
        lists.forEach(raws::addAll);
        if (raws.isEmpty()) {
            return null;
        }
        // the old alternation sorted its quoted alternatives by length, longest first; keep that order
        List<String[]> ordered = new ArrayList<>();
        for (String raw : raws) {
            ordered.add(new String[] {CompiledType.phrase(raw), raw});
        }
        ordered.sort((a, b) -> b[0].length() - a[0].length());
        List<Integer> ids = new ArrayList<>();
        for (String[] entry : ordered) {
            ids.add(add(entry[1]));
        }
        int[] rank = new int[0];
        for (int r = ids.size() - 1; r >= 0; r--) { // backwards, so a repeated phrase keeps its first place
            int id = ids.get(r);
            if (id >= rank.length) {
                int old = rank.length;
                rank = Arrays.copyOf(rank, id + 1);
                Arrays.fill(rank, old, rank.length, -1);
            }
            rank[id] = r;
        }
        return new PhraseSet(rank);
    }

    private int add(String raw) {
        String folded = TextCleaner.fold(raw.trim());
        Integer known = idOf.get(folded);
        if (known != null) {
            return known;
        }
        boolean star = folded.endsWith("*");
        String body = star ? folded.substring(0, folded.length() - 1) : folded;
        int id = phrases.size();
        phrases.add(new Phrase(body, star));
        idOf.put(folded, id);
        int first = wordEnd(body, 0);
        if (star && first == body.length()) {
            prefixes = append(prefixes, id);
            if (prefixStarts.indexOf(body.charAt(0)) < 0) {
                prefixStarts += body.charAt(0);
            }
        } else {
            byFirstWord.merge(body.substring(0, first), new int[] {id}, PhraseIndex::concat);
        }
        return id;
    }

    /** Every phrase occurrence in a folded text, by start position. */
    Hits scan(String folded) {
        Hits hits = new Hits(this);
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            if (!isLetterOrNumber(c)) {
                i += Character.charCount(c);
                continue;
            }
            int end = wordEnd(folded, i);
            String word = folded.substring(i, end);
            int[] candidates = byFirstWord.get(word);
            if (candidates != null) {
                for (int id : candidates) {
                    hits.addIfMatches(folded, i, id);
                }
            }
            if (prefixStarts.indexOf(word.charAt(0)) >= 0) {
                for (int id : prefixes) {
                    if (word.startsWith(phrases.get(id).body())) {
                        hits.addIfMatches(folded, i, id);
                    }
                }
            }
            i = end;
        }
        return hits;
    }

    /** The end of the phrase matched at {@code start}, or -1; {@code start} is a word start. */
    private int matchAt(String text, int start, int id) {
        Phrase p = phrases.get(id);
        String body = p.body();
        int t = start;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ' ') {
                if (t >= text.length() || !isRegexSpace(text.charAt(t))) {
                    return -1;
                }
                // each space is \s+; a run of spaces needs that many, greedy, followed by a non-space
                int spaces = 1;
                while (i + 1 < body.length() && body.charAt(i + 1) == ' ') {
                    spaces++;
                    i++;
                }
                int run = t;
                while (run < text.length() && isRegexSpace(text.charAt(run))) {
                    run++;
                }
                if (run - t < spaces) {
                    return -1;
                }
                t = run;
            } else if (t < text.length() && text.charAt(t) == c) {
                t++;
            } else {
                return -1;
            }
        }
        if (p.star()) {
            while (t < text.length() && Character.isLetter(text.codePointAt(t))) {
                t += Character.charCount(text.codePointAt(t));
            }
        }
        return t < text.length() && isLetterOrNumber(text.codePointAt(t)) ? -1 : t;
    }

    /** {@code [\p{L}\p{N}]} as java.util.regex reads it. */
    static boolean isLetterOrNumber(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** {@code \s} as java.util.regex reads it by default. */
    static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!isLetterOrNumber(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The phrase occurrences of one message: (start, end, phrase id), ordered by start. */
    static final class Hits {

        final PhraseIndex index;
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        private int[] ids = new int[8];
        private int size;

        private Hits(PhraseIndex index) {
            this.index = index;
        }

        private void addIfMatches(String folded, int start, int id) {
            int end = index.matchAt(folded, start, id);
            if (end < 0) {
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            ids[size] = id;
            size++;
        }

        /**
         * The match of {@code set} the regular expression would find first at or after {@code from},
         * ending at or before {@code to}: the leftmost position, and there the phrase tried first.
         * Returns the index of that occurrence, or -1.
         */
        int next(PhraseSet set, int from, int to) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (starts[i] < from || ends[i] > to) {
                    continue;
                }
                if (best >= 0 && starts[i] > starts[best]) {
                    break;
                }
                int r = ids[i] < set.rank().length ? set.rank()[ids[i]] : -1;
                if (r >= 0 && r < bestRank) {
                    best = i;
                    bestRank = r;
                }
            }
            return best;
        }

        int start(int occurrence) {
            return starts[occurrence];
        }

        int end(int occurrence) {
            return ends[occurrence];
        }

        /** How many matches a {@code find()} loop over the whole text would report. */
        int count(PhraseSet set) {
            int n = 0;
            for (int at = next(set, 0, Integer.MAX_VALUE); at >= 0; at = next(set, ends[at], Integer.MAX_VALUE)) {
                n++;
            }
            return n;
        }
    }
}
