package io.chatbridge.extract.internal;

import io.chatbridge.extract.internal.CompiledType.CompiledField;
import io.chatbridge.extract.internal.Found.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text fields: a vocabulary phrase ("corte de cabelo" is a haircut), a pattern capture ("my name is
 * Ana"), or, right after the business asked for the field, the customer's whole short reply.
 */
final class TextFields {

    private static final Pattern LETTERS_ONLY = Pattern.compile("[\\p{L}'’ -]+");
    private static final java.util.Set<String> CONNECTORS =
            java.util.Set.of("on", "by", "at", "for", "el", "la", "no", "na", "para", "a", "o", "de", "and", "y", "e");

    private TextFields() {}

    static Slot read(MessageFacts facts, CompiledField f, boolean asked) {
        Slot slot = vocabulary(facts, f);
        if (slot != null) {
            return slot;
        }
        for (MappingPattern p : f.patterns) {
            int[] span = facts.capture(p);
            if (span != null) {
                Slot s = captured(facts, f, span[0], span[1], 0.9);
                if (s != null) {
                    return s;
                }
            }
        }
        return asked ? answer(facts, f) : null;
    }

    /** The earliest vocabulary phrase in the message, as its canonical value. */
    static Slot vocabulary(MessageFacts facts, CompiledField f) {
        if (f.anyPhrase == null) {
            return null;
        }
        int[] any = f.anyPhrase.first(facts);
        if (any == null) {
            return null;
        }
        String canonical = f.canonicalOf.get(collapseSpaces(facts.folded.substring(any[0], any[1])));
        if (canonical != null) {
            return new Slot(canonical, facts.message.messageId(), any[0], any[1], 0.9);
        }
        return vocabularyOneByOne(facts, f); // a phrase with a trailing * matched: find which value
    }

    private static Slot vocabularyOneByOne(MessageFacts facts, CompiledField f) {
        Slot best = null;
        for (Map.Entry<String, Phrases> entry : f.vocabulary) {
            int[] m = entry.getValue().first(facts);
            if (m != null && (best == null || m[0] < best.start())) {
                best = new Slot(entry.getKey(), facts.message.messageId(), m[0], m[1], 0.9);
            }
        }
        return best;
    }

    private static Slot answer(MessageFacts facts, CompiledField f) {
        String text = facts.clean.trim();
        boolean name = "name".equals(f.mapping.format());
        boolean onlyNumbers = facts.found.stream().allMatch(found -> found.kind() == Kind.QUANTITY);
        if (text.isEmpty()
                || !onlyNumbers
                || (name && !facts.found.isEmpty())
                || facts.smallTalk
                || (name && (!facts.shortAnswer() || !LETTERS_ONLY.matcher(text).matches()))
                || facts.words.size() > 12) {
            return null;
        }
        int start = facts.clean.indexOf(text);
        return captured(facts, f, start, start + text.length(), 0.75);
    }

    private static Slot captured(MessageFacts facts, CompiledField f, int start, int end, double confidence) {
        int cut = end;
        for (Found found : facts.found) {
            if (found.kind() != Kind.QUANTITY && found.start() > start && found.start() < cut) {
                cut = found.start();
            }
        }
        cut = sentenceEnd(facts.clean, start, cut);
        String value = format(facts.clean.substring(start, cut), f.mapping.format());
        if (value.length() < 2) {
            return null;
        }
        return new Slot(
                value, facts.message.messageId(), start, start + Math.min(cut - start, value.length()), confidence);
    }

    /** Ends a capture at a full stop after a real word, not after an abbreviation ("Av. Paulista", "St. John"). */
    private static int sentenceEnd(String text, int start, int end) {
        for (int i = text.indexOf('.', start); i >= 0 && i < end; i = text.indexOf('.', i + 1)) {
            int wordStart = i;
            while (wordStart > start && Character.isLetter(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            boolean abbreviation = i - wordStart <= 3 && i - wordStart > 0;
            if (!abbreviation && (i + 1 >= end || Character.isWhitespace(text.charAt(i + 1)))) {
                return i;
            }
        }
        return end;
    }

    static String format(String raw, String format) {
        String text = stripTrailing(collapseSpaces(raw)).trim();
        text = stripTrailingConnectors(text);
        return switch (format) {
            case "name" -> name(text);
            case "lowercase" -> text.toLowerCase(Locale.ROOT);
            default -> text;
        };
    }

    private static String stripTrailingConnectors(String text) {
        String[] words = text.split(" ");
        int n = words.length;
        while (n > 1 && CONNECTORS.contains(words[n - 1].toLowerCase(Locale.ROOT))) {
            n--;
        }
        return stripTrailing(n == words.length ? text : String.join(" ", java.util.Arrays.copyOf(words, n)));
    }

    /** Each run of whitespace as one space (what {@code \s+ → " "} gives). */
    static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (!PhraseIndex.isRegexSpace(c)) {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && PhraseIndex.isRegexSpace(text.charAt(end))) {
                end++;
            }
            out.append(' ');
            changed |= end - i > 1 || c != ' ';
            i = end;
        }
        return changed ? out.toString() : text;
    }

    /**
     * Drops the run of blanks and punctuation at the end ({@code [\s,.;:!?)\-]+$}); like {@code $}, also the
     * run just before a final line separator, which stays.
     */
    static String stripTrailing(String text) {
        int end = text.length();
        if (end > 0 && "\u0085\u2028\u2029".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        int i = end;
        while (i > 0 && (PhraseIndex.isRegexSpace(text.charAt(i - 1)) || ",.;:!?)-".indexOf(text.charAt(i - 1)) >= 0)) {
            i--;
        }
        return i == end ? text : text.substring(0, i) + text.substring(end);
    }

    private static String name(String text) {
        List<String> kept = new ArrayList<>();
        for (String word : text.split(" ")) {
            String folded = lettersAndApostrophes(io.chatbridge.extract.normalize.TextCleaner.fold(word));
            if (Lexicon.NAME_STOP.contains(folded) || folded.isEmpty() || kept.size() == 3) {
                break;
            }
            kept.add(Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return stripTrailing(String.join(" ", kept));
    }

    /** The word without anything but letters and apostrophes ({@code [^\p{L}'] → ""}). */
    private static String lettersAndApostrophes(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (c == '\'' || Character.isLetter(c)) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
