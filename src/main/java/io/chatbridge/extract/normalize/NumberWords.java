package io.chatbridge.extract.normalize;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Number words zero to twenty in English, Spanish and Portuguese, accent-free (as {@link TextCleaner#fold} leaves them). */
final class NumberWords {

    static final Map<String, Integer> VALUES = build();

    /** Regex alternation of all words, longest first. */
    static final String ALTERNATION = VALUES.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
            .collect(Collectors.joining("|"));

    /** Words that are articles ("un", "uma") and never a count on their own. */
    static final Set<String> ARTICLES = Set.of("one", "un", "una", "uno", "um", "uma");

    /** Words that mean something else in another language: "once" (en), "dos"/"doce" (pt "of the"/"sweet"). */
    static final Map<String, String> FALSE_FRIENDS = Map.of("once", "en", "dos", "pt", "doce", "pt");

    private NumberWords() {}

    private static Map<String, Integer> build() {
        Map<String, Integer> m = new HashMap<>();
        put(
                m,
                "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
                        + " sixteen seventeen eighteen nineteen twenty");
        put(
                m,
                "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince"
                        + " dieciseis diecisiete dieciocho diecinueve veinte");
        put(
                m,
                "zero um dois tres quatro cinco seis sete oito nove dez onze doze treze catorze quinze"
                        + " dezesseis dezessete dezoito dezenove vinte");
        m.put("un", 1);
        m.put("una", 1);
        m.put("uma", 1);
        m.put("duas", 2);
        m.put("quatorze", 14);
        m.put("dezasseis", 16);
        m.put("dezassete", 17);
        m.put("dezanove", 19);
        return Map.copyOf(m);
    }

    private static void put(Map<String, Integer> m, String words) {
        String[] w = words.split(" ");
        for (int i = 0; i < w.length; i++) {
            m.putIfAbsent(w[i], i);
        }
    }
}
