package io.chatbridge.extract.internal;

import io.chatbridge.extract.internal.Found.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads order lines: a quantity followed by what it counts ("2 chocolate cakes", "uma dúzia de
 * coxinhas", "3x croissant"), or an article and a thing in a message that orders ("a lemon tart").
 * Names come out lower case and singular, in the customer's language.
 */
final class ItemParser {

    /** One order line with the span it was read from. */
    record Item(String name, int quantity, int start, int end, double confidence, boolean article) {}

    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");
    private static final Pattern WORD = Pattern.compile("\\G[\\s,]*?([\\p{L}][\\p{L}'-]*)");
    private static final Pattern SKIP = Pattern.compile("\\G\\s*(?:x|×)?\\s*(?:(?:of|de|do|da|del)\\s+)?");
    private static final Pattern ARTICLE = Pattern.compile("(?<![\\p{L}\\p{N}])(a|an|one|um|uma|un|una)\\s+(?=\\p{L})");
    private static final Map<String, String> EN_IRREGULAR = Map.of(
            "loaves",
            "loaf",
            "halves",
            "half",
            "knives",
            "knife",
            "children",
            "child",
            "people",
            "person",
            "pastries",
            "pastry",
            "quiches",
            "quiche");

    private ItemParser() {}

    static List<Item> parse(MessageFacts facts, boolean articlesCount) {
        List<Item> items = new ArrayList<>();
        for (Found q : facts.found(Kind.QUANTITY)) {
            String said = facts.folded.substring(q.start(), q.end());
            if (q.negated() || isUnit(said)) {
                continue;
            }
            boolean article = Lexicon.ITEM_ARTICLES.contains(said.strip());
            double confidence = article ? 0.7 : q.confidence() * 0.9;
            phrase(facts, q.end()).ifPresent(p -> {
                String name = p.elided && !items.isEmpty()
                        ? head(items.get(items.size() - 1).name()) + " " + p.of + " " + p.name
                        : p.name;
                items.add(new Item(name, (Integer) q.value(), q.start(), p.end, confidence, article));
            });
        }
        if (articlesCount && items.isEmpty()) {
            Matcher m = ARTICLE.matcher(facts.folded);
            while (m.find()) {
                int start = m.start();
                if (facts.found.stream().noneMatch(f -> f.start() <= start && start < f.end())) {
                    phrase(facts, m.end()).ifPresent(p -> items.add(new Item(p.name, 1, start, p.end, 0.7, true)));
                }
            }
        }
        return items;
    }

    /**
     * A phrase after a quantity; {@code elided} when it began with "de"/"of" and names only the kind
     * ("3 empanadas de carne y 2 de pollo"), so the thing comes from the line before.
     */
    private record Phrase(String name, int end, boolean elided, String of) {}

    private static String head(String name) {
        String[] words = name.split(" ");
        StringBuilder head = new StringBuilder(words[0]);
        for (int i = 1; i < words.length && !Lexicon.OF_WORDS.contains(words[i]); i++) {
            head.append(' ').append(words[i]);
        }
        return head.toString();
    }

    private static java.util.Optional<Phrase> phrase(MessageFacts facts, int from) {
        String folded = facts.folded;
        Matcher skip = SKIP.matcher(folded);
        int pos = skip.find(from) && skip.start() == from ? skip.end() : from;
        String skipped = folded.substring(from, pos).strip();
        String of = withoutTimes(skipped);
        boolean elided = Lexicon.OF_WORDS.contains(of) && !of.equals("of");
        List<int[]> spans = new ArrayList<>();
        Matcher w = WORD.matcher(folded);
        while (spans.size() < 4 && pos < folded.length() && w.find(pos) && w.start() == pos) {
            String word = w.group(1);
            if (Lexicon.ITEM_STOP.contains(word) && !(Lexicon.OF_WORDS.contains(word) && !spans.isEmpty())) {
                break;
            }
            if (startsEntity(facts, w.start(1))) {
                break;
            }
            spans.add(new int[] {w.start(1), w.end(1)});
            pos = w.end();
            if (w.end(1) < folded.length() && ",.;!?\n".indexOf(folded.charAt(w.end(1))) >= 0) {
                break;
            }
        }
        while (!spans.isEmpty() && Lexicon.OF_WORDS.contains(word(folded, spans.get(spans.size() - 1)))) {
            spans.remove(spans.size() - 1);
        }
        if (spans.isEmpty()
                || Lexicon.NOT_ITEMS.contains(word(folded, spans.get(0)))
                || Lexicon.NOT_ITEMS.contains(word(folded, spans.get(spans.size() - 1)))) {
            return java.util.Optional.empty();
        }
        List<String> words = new ArrayList<>();
        spans.forEach(s -> words.add(facts.clean.substring(s[0], s[1]).toLowerCase(Locale.ROOT)));
        int end = spans.get(spans.size() - 1)[1];
        return java.util.Optional.of(new Phrase(singular(words, facts.language), end, elided, of));
    }

    /** "x de" → "de": drops a leading "x" or "×" and the blanks after it. */
    private static String withoutTimes(String skipped) {
        if (skipped.isEmpty() || (skipped.charAt(0) != 'x' && skipped.charAt(0) != '×')) {
            return skipped;
        }
        int i = 1;
        while (i < skipped.length() && PhraseIndex.isRegexSpace(skipped.charAt(i))) {
            i++;
        }
        return skipped.substring(i);
    }

    private static boolean startsEntity(MessageFacts facts, int at) {
        for (Found f : facts.found) {
            if (f.start() <= at && at < f.end()) {
                return true;
            }
        }
        return false;
    }

    private static String word(String folded, int[] span) {
        return folded.substring(span[0], span[1]);
    }

    private static boolean isUnit(String quantityText) {
        for (String w : NON_LETTERS.split(quantityText)) {
            if (!w.isEmpty() && Lexicon.NOT_ITEMS.contains(w) && !Lexicon.ITEM_ARTICLES.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** English inflects the last word ("chocolate cakes"); Spanish and Portuguese the words before "de". */
    static String singular(List<String> words, String language) {
        List<String> out = new ArrayList<>(words);
        int of = 0;
        while (of < out.size() && !Lexicon.OF_WORDS.contains(out.get(of))) {
            of++;
        }
        boolean english = language.equals("en") || words.contains("of");
        if (english) {
            int head = of < out.size() && of > 0 ? of - 1 : out.size() - 1;
            out.set(head, singularEn(out.get(head)));
        } else {
            for (int i = 0; i < of; i++) {
                out.set(i, language.equals("es") ? singularEs(out.get(i)) : singularPt(out.get(i)));
            }
        }
        return String.join(" ", out);
    }

    static String singularEn(String w) {
        if (EN_IRREGULAR.containsKey(w)) {
            return EN_IRREGULAR.get(w);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            char before = w.charAt(w.length() - 4);
            return "knph".indexOf(before) >= 0 ? w.substring(0, w.length() - 1) : w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("zes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    static String singularEs(String w) {
        if (w.length() > 4 && w.endsWith("ces")) {
            return w.substring(0, w.length() - 3) + "z";
        }
        if (w.length() > 4 && w.endsWith("es") && "aeiouáéíóú".indexOf(w.charAt(w.length() - 3)) < 0) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    static String singularPt(String w) {
        if (w.endsWith("ões") || w.endsWith("ães")) {
            return w.substring(0, w.length() - 3) + "ão";
        }
        if (w.endsWith("ãos")) {
            return w.substring(0, w.length() - 1);
        }
        if (w.length() > 4 && w.endsWith("ais")) {
            return w.substring(0, w.length() - 2) + "l";
        }
        if (w.length() > 4 && (w.endsWith("éis") || w.endsWith("eis"))) {
            return w.substring(0, w.length() - 3) + "el";
        }
        if (w.length() > 3 && w.endsWith("ns")) {
            return w.substring(0, w.length() - 2) + "m";
        }
        if (w.length() > 4 && (w.endsWith("res") || w.endsWith("zes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
