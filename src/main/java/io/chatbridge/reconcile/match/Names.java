package io.chatbridge.reconcile.match;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * How alike two people's or companies' names are, 0..1. Banks shorten and reorder names ("SMITH J",
 * "J. Smith", "John Smith Ltd"), drop accents and upper-case them, so names are folded to lower-case
 * ASCII, legal suffixes dropped, and compared both as sorted words (Jaro-Winkler) and word by word
 * with initials accepted.
 */
public final class Names {

    private static final java.util.Set<String> NOISE = java.util.Set.of(
            "ltd", "limited", "llc", "inc", "gmbh", "sa", "sl", "bv", "plc", "co", "mr", "mrs", "ms", "dr", "and");

    private Names() {}

    public static double similarity(String a, String b) {
        String[] left = words(a);
        String[] right = words(b);
        if (left.length == 0 || right.length == 0) {
            return 0;
        }
        double joined = jaroWinkler(String.join("", sorted(left)), String.join("", sorted(right)));
        return Math.max(joined >= 0.96 ? joined : 0, wordOverlap(left, right));
    }

    /** Folded words per name: the same payers and contacts are compared over and over in a run. */
    private static final java.util.Map<String, String[]> WORDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_CACHED = 200_000;

    static String[] words(String name) {
        if (name == null) {
            return new String[0];
        }
        String[] cached = WORDS.get(name);
        if (cached != null) {
            return cached;
        }
        if (WORDS.size() > MAX_CACHED) {
            WORDS.clear();
        }
        String[] words = split(name);
        WORDS.put(name, words);
        return words;
    }

    private static String[] split(String name) {
        java.util.List<String> words = new java.util.ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? fold(name.charAt(i)) : ' ';
            if (c >= 'a' && c <= 'z') {
                word.append(c);
            } else if (!word.isEmpty()) {
                String w = word.toString();
                if (!NOISE.contains(w)) {
                    words.add(w);
                }
                word.setLength(0);
            }
        }
        return words.toArray(String[]::new);
    }

    /** Lower-case ASCII letter for a letter (accents dropped), a space for anything else. */
    private static char fold(char c) {
        if (c < 128) {
            return Character.toLowerCase(c);
        }
        if (!Character.isLetter(c)) {
            return ' ';
        }
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        char first = Character.toLowerCase(base.charAt(0));
        return first < 128
                ? first
                : switch (first) {
                    case 'ø' -> 'o';
                    case 'æ' -> 'a';
                    case 'ß' -> 's';
                    case 'ł' -> 'l';
                    case 'đ' -> 'd';
                    default -> ' ';
                };
    }

    private static String[] sorted(String[] words) {
        String[] copy = words.clone();
        Arrays.sort(copy);
        return copy;
    }

    /**
     * Share of the shorter name's words found in the longer one. A word with a one-letter slip counts
     * (Jaro-Winkler ≥ 0.93); an initial counts three quarters; at least one whole word must agree.
     */
    private static double wordOverlap(String[] a, String[] b) {
        String[] shorter = a.length <= b.length ? a : b;
        String[] longer = a.length <= b.length ? b : a;
        boolean whole = false;
        double found = 0;
        for (String word : shorter) {
            double best = 0;
            for (String other : longer) {
                if (word.length() > 1
                        && other.length() > 1
                        && (word.equals(other) || jaroWinkler(word, other) >= 0.93)) {
                    best = 1;
                    whole = true;
                    break;
                }
                if ((word.length() == 1 && other.startsWith(word)) || (other.length() == 1 && word.startsWith(other))) {
                    best = Math.max(best, 0.75);
                }
            }
            found += best;
        }
        return whole ? found / shorter.length * (shorter.length == longer.length ? 1.0 : 0.95) : 0;
    }

    static double jaroWinkler(String s, String t) {
        if (s.equals(t)) {
            return 1;
        }
        int range = Math.max(0, Math.max(s.length(), t.length()) / 2 - 1);
        boolean[] sMatched = new boolean[s.length()];
        boolean[] tMatched = new boolean[t.length()];
        int matches = 0;
        for (int i = 0; i < s.length(); i++) {
            for (int j = Math.max(0, i - range); j < Math.min(t.length(), i + range + 1); j++) {
                if (!tMatched[j] && s.charAt(i) == t.charAt(j)) {
                    sMatched[i] = true;
                    tMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        for (int i = 0, j = 0; i < s.length(); i++) {
            if (sMatched[i]) {
                while (!tMatched[j]) {
                    j++;
                }
                if (s.charAt(i) != t.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / s.length() + m / t.length() + (m - transpositions / 2.0) / m) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(s.length(), t.length())) && s.charAt(prefix) == t.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
