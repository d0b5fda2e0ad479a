package io.chatbridge.extract.normalize;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/** Test contexts: a Thursday, 2026-11-26 10:00, unless a test says otherwise. */
final class Contexts {

    static final String THURSDAY = "2026-11-26";

    private Contexts() {}

    static NormalizeContext on(String isoDate, String localeTag) {
        Locale locale = Locale.forLanguageTag(localeTag);
        ZonedDateTime reference =
                ZonedDateTime.of(LocalDate.parse(isoDate), LocalTime.of(10, 0), ZoneId.of("Europe/London"));
        String currency =
                switch (locale.getCountry()) {
                    case "US" -> "USD";
                    case "BR" -> "BRL";
                    case "ES" -> "EUR";
                    case "KE" -> "KES";
                    case "IN" -> "INR";
                    case "CA" -> "CAD";
                    default -> "GBP";
                };
        return new NormalizeContext(reference, locale, currency, List.of("en", "es", "pt"));
    }

    static NormalizeContext of(String localeTag) {
        return on(THURSDAY, localeTag);
    }

    static NormalizeContext gb() {
        return of("en-GB");
    }
}
