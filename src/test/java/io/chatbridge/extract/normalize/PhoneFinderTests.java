package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneFinderTests {

    private final PhoneFinder finder = new PhoneFinder();

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            call me on 07700 900123              | en-GB | +447700900123
            my number is +44 7700 900123         | en-US | +447700900123
            +55 11 91234-5678                    | en-GB | +5511912345678
            (11) 91234-5678                      | pt-BR | +5511912345678
            meu zap é 11 91234-5678              | pt-BR | +5511912345678
            llámame al 612 34 56 78              | es-ES | +34612345678
            text (201) 555-0123 please           | en-US | +12015550123
            0712 345678                          | en-KE | +254712345678
            98765 43210                          | en-IN | +919876543210
            0044 7700 900123                     | es-ES | +447700900123
            """)
    void findsNumbersInFreeTextAsE164(String text, String locale, String expected) {
        assertThat(finder.findAll(text, Contexts.of(locale)))
                .singleElement()
                .extracting(Match::value)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            +55 11 91234-5678       | en-GB | 0.95
            (11) 91234-5678         | pt-BR | 0.85
            call me on 07700 900123 | en-GB | 0.6
            """)
    void trustsValidNumbersMoreThanMerelyPossibleOnes(String text, String locale, double confidence) {
        assertThat(finder.findAll(text, Contexts.of(locale)))
                .singleElement()
                .extracting(Match::confidence)
                .isEqualTo(confidence);
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            en-GB | GB
            pt-BR | BR
            es-ES | ES
            en-US | US
            en-KE | KE
            en-IN | IN
            pt    | ZZ
            """)
    void takesTheRegionFromTheLocale(String locale, String region) {
        assertThat(PhoneFinder.region(Locale.forLanguageTag(locale))).isEqualTo(region);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            07700 900123         | GB   | +447700900123
            +44 (0)7700 900123   | US   | +447700900123
            whatsapp:+5511912345678 | null | +5511912345678
            (11) 91234-5678      | BR   | +5511912345678
            612 345 678          | es   | +34612345678
            07700 900123         | null | null
            12345                | GB   | null
            not a phone          | GB   | null
            null                 | GB   | null
            """)
    void convertsSingleNumbersToE164(String raw, String region, String expected) {
        assertThat(finder.toE164(raw, region)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "R$ 1.200,50",
                "1,200.50",
                "£12.50",
                "14/12/2026",
                "2026-12-14",
                "at 19:30",
                "INV-2041",
                "ref 88123",
                "table for 8 at 8pm",
                "KSh 2,000,000",
                "order 12345678"
            })
    void ignoresAmountsDatesAndReferences(String text) {
        assertThat(finder.findAll(text, Contexts.gb())).isEmpty();
    }

    @Test
    void reportsSpansInTheOriginalTextAcrossBidiMarks() {
        String text = "\u200e\u202a+44 7700 900123\u202c\u200f or \u2068+55 11 91234-5678\u2069";

        List<Match<String>> found = finder.findAll(text, Contexts.gb());

        assertThat(found)
                .extracting(m -> text.substring(m.start(), m.end()))
                .containsExactly("+44 7700 900123", "+55 11 91234-5678");
        assertThat(found).extracting(Match::value).containsExactly("+447700900123", "+5511912345678");
    }
}
