package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountFinderTests {

    private final AmountFinder finder = new AmountFinder();

    private List<Match<Money>> find(String text, NormalizeContext ctx) {
        return finder.findAll(text, ctx);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            R$ 250                   | 250.00     | BRL
            R$250,00                 | 250.00     | BRL
            R$ 1.200,50              | 1200.50    | BRL
            €40                      | 40.00      | EUR
            40€                      | 40.00      | EUR
            40 EUR                   | 40.00      | EUR
            50 euros                 | 50.00      | EUR
            £12.50                   | 12.50      | GBP
            20 quid                  | 20.00      | GBP
            $45.50                   | 45.50      | USD
            USD 45                   | 45.00      | USD
            US$ 1,200.50             | 1200.50    | USD
            ₹1,500                   | 1500.00    | INR
            Rs. 1500                 | 1500.00    | INR
            KSh 2,000                | 2000.00    | KES
            Ksh2000                  | 2000.00    | KES
            250 reais                | 250.00     | BRL
            £1.5k                    | 1500.00    | GBP
            1.5k                     | 1500.00    | null
            2k                       | 2000.00    | null
            1.200,50                 | 1200.50    | null
            1,200.50                 | 1200.50    | null
            1.234.567,89             | 1234567.89 | null
            12.50                    | 12.50      | null
            12,50                    | 12.50      | null
            paid 500                 | 500.00     | null
            total: 1500              | 1500.00    | null
            paguei 250               | 250.00     | null
            """)
    void findsAmountsWithTheirCurrency(String text, BigDecimal amount, String currency) {
        assertThat(find(text, Contexts.gb()))
                .singleElement()
                .extracting(Match::value)
                .isEqualTo(new Money(amount, currency));
    }

    @ParameterizedTest(name = "[{index}] {0} with default {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            $45        | USD | USD
            $45        | GBP | USD
            $45        | CAD | CAD
            $45        | AUD | AUD
            $45        | MXN | MXN
            45 dollars | NZD | NZD
            Rs 1500    | PKR | PKR
            Rs 1500    | GBP | INR
            C$ 45      | USD | CAD
            """)
    void readsDollarsAndRupeesAsTheBusinessCurrencyWhenItUsesThatSign(
            String text, String defaultCurrency, String expected) {
        NormalizeContext gb = Contexts.gb();
        NormalizeContext ctx = new NormalizeContext(gb.reference(), gb.locale(), defaultCurrency, gb.languages());

        assertThat(find(text, ctx))
                .singleElement()
                .extracting(m -> m.value().currency())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            1.200    | 1200
            1,200    | 1200
            1.200,5  | 1200.5
            1,200.5  | 1200.5
            12,5     | 12.5
            1.5      | 1.5
            """)
    void decidesTheDecimalPointFromTheSeparators(String number, BigDecimal expected) {
        assertThat(AmountFinder.parse(number, false)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.200.50", "1,200,50", "1.200,50.25"})
    void rejectsClashingSeparators(String number) {
        assertThat(AmountFinder.parse(number, false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "call me on 07700 900123",
                "+55 11 91234-5678",
                "+44 7700 900123",
                "14/12/2026",
                "14.12.2026",
                "2026-12-14",
                "at 19:30",
                "7.30pm",
                "at 7.30",
                "7.30 pm",
                "INV-2041",
                "#A7731",
                "ref 88123",
                "table for 8",
                "8 people",
                "2km away",
                "20% off",
                "12.50%",
                "2 pizzas"
            })
    void ignoresThingsThatAreNotAmounts(String text) {
        assertThat(find(text, Contexts.gb())).isEmpty();
    }

    @Test
    void marksAmountsWithoutCurrencyAsLessCertain() {
        assertThat(find("£12.50", Contexts.gb()))
                .singleElement()
                .extracting(Match::confidence)
                .isEqualTo(0.95);
        assertThat(find("12.50", Contexts.gb()))
                .singleElement()
                .extracting(Match::confidence)
                .isEqualTo(0.6);
        assertThat(find("paid 500", Contexts.gb()))
                .singleElement()
                .extracting(Match::confidence)
                .isEqualTo(0.7);
    }

    @Test
    void reportsSpansCoveringSymbolAndNumber() {
        String text = "Paguei R$\u00a0250,00 e mais 40€ pelo INV-2041";

        List<Match<Money>> found = find(text, Contexts.of("pt-BR"));

        assertThat(found).extracting(m -> text.substring(m.start(), m.end())).containsExactly("R$\u00a0250,00", "40€");
        assertThat(found)
                .extracting(Match::value)
                .containsExactly(new Money(new BigDecimal("250"), "BRL"), new Money(new BigDecimal("40"), "EUR"));
    }

    @Test
    void keepsSpansValidAroundBidiMarks() {
        String text = "\u200fتم الدفع\u200e £12.50\u200f";

        assertThat(find(text, Contexts.gb()))
                .singleElement()
                .satisfies(m -> assertThat(text.substring(m.start(), m.end())).isEqualTo("£12.50"));
    }

    @Test
    void alwaysReportsTwoDecimalPlaces() {
        assertThat(find("€40", Contexts.gb()))
                .singleElement()
                .satisfies(m -> assertThat(m.value().amount()).hasToString("40.00"));
    }

    @ParameterizedTest(name = "[{index}] {0} ({1})")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ya deposité 850 pesos         | MXN | 850.00  | MXN
            ya pagué 480 pesos            | ARS | 480.00  | ARS
            son 1.200 pesos               | COP | 1200.00 | COP
            850 pesos                     | EUR | 850.00  | MXN
            paguei 250 reais              | BRL | 250.00  | BRL
            40 euros                      | GBP | 40.00   | EUR
            100 dólares                   | MXN | 100.00  | USD
            100 dólares                   | CAD | 100.00  | CAD
            100 dólares                   | EUR | 100.00  | USD
            """)
    void readsCurrencyWordsAfterTheAmount(String text, String business, BigDecimal amount, String currency) {
        NormalizeContext ctx = new NormalizeContext(
                Contexts.gb().reference(), Locale.forLanguageTag("es-MX"), business, List.of("es", "pt", "en"));
        List<Match<Money>> found = new AmountFinder().findAll(text, ctx);

        assertThat(found).as(text).singleElement().satisfies(m -> {
            assertThat(m.value().amount()).isEqualByComparingTo(amount);
            assertThat(m.value().currency()).isEqualTo(currency);
        });
    }
}
