package io.chatbridge.extract;

import io.chatbridge.extract.internal.LanguageHints;
import java.util.List;

/** Which of a business's languages a customer writes in, so that replies come back in it. */
public final class Languages {

    private Languages() {}

    /**
     * @param texts the customer's recent messages, newest last
     * @param languages the business's languages; the first is the answer when nothing gives one away
     */
    public static String of(List<String> texts, List<String> languages) {
        String fallback = languages.isEmpty() ? "en" : languages.get(0);
        return LanguageHints.guess(String.join(" ", texts), languages).orElse(fallback);
    }
}
