package io.chatbridge.extract.normalize;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the finders need to know about the business: when the message was sent (in the business zone),
 * its locale (date order, phone region), default currency and the languages its customers write in.
 * An empty {@code languages} list means "any of en, es, pt".
 */
public record NormalizeContext(ZonedDateTime reference, Locale locale, String defaultCurrency, List<String> languages) {

    public NormalizeContext {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(locale, "locale");
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** True when customers may write in {@code language} (ISO 639-1, e.g. "pt"). */
    public boolean speaks(String language) {
        return languages.isEmpty() || languages.contains(language);
    }
}
