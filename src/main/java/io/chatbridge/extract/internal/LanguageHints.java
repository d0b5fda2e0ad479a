package io.chatbridge.extract.internal;

import io.chatbridge.extract.normalize.TextCleaner;
import java.util.List;

/** Counts the small words each language gives away ("the", "para", "quero") to guess a text's language. */
public final class LanguageHints {

    private LanguageHints() {}

    /** The best of {@code candidates} for {@code text}, or empty when nothing gives a language away. */
    public static java.util.Optional<String> guess(String text, List<String> candidates) {
        int en = 0;
        int es = 0;
        int pt = 0;
        for (String w : TextCleaner.fold(text == null ? "" : text).split("[^\\p{L}]+")) {
            en += Lexicon.EN_HINTS.contains(w) ? 1 : 0;
            es += Lexicon.ES_HINTS.contains(w) ? 1 : 0;
            pt += Lexicon.PT_HINTS.contains(w) ? 1 : 0;
        }
        en = candidates.contains("en") ? en : 0;
        es = candidates.contains("es") ? es : 0;
        pt = candidates.contains("pt") ? pt : 0;
        if (en == 0 && es == 0 && pt == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(en >= es && en >= pt ? "en" : pt >= es ? "pt" : "es");
    }
}
