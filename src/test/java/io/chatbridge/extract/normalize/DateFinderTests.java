package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateFinderTests {

    private final DateFinder finder = new DateFinder();

    private List<Match<LocalDate>> find(String text, NormalizeContext ctx) {
        return finder.findAll(text, ctx);
    }

    private LocalDate only(String text, NormalizeContext ctx) {
        List<Match<LocalDate>> found = find(text, ctx);
        assertThat(found).as(text).hasSize(1);
        return found.get(0).value();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            can we come today?                  | 2026-11-26
            table for 4 tonight                 | 2026-11-26
            Tomorrow at 8 please                | 2026-11-27
            tmrw works                          | 2026-11-27
            the day after tomorrow              | 2026-11-28
            Saturday lunch                      | 2026-11-28
            this Sat?                           | 2026-11-28
            on Friday                           | 2026-11-27
            Thursday                            | 2026-11-26
            next Friday                         | 2026-12-04
            last Friday I paid                  | 2026-11-20
            paid until last Friday              | 2026-11-20
            on the 14th                         | 2026-12-14
            the 1st                             | 2026-12-01
            14th of December                    | 2026-12-14
            14/12                               | 2026-12-14
            14/12/2026                          | 2026-12-14
            14/12/27                            | 2027-12-14
            14.12.2026                          | 2026-12-14
            Dec 14                              | 2026-12-14
            December 14th                       | 2026-12-14
            December 14, 2027                   | 2027-12-14
            14 Dec                              | 2026-12-14
            May 14                              | 2027-05-14
            may 14th                            | 2027-05-14
            2026-12-14                          | 2026-12-14
            Jan 3                               | 2027-01-03
            """)
    void findsEnglishDates(String text, LocalDate expected) {
        assertThat(only(text, Contexts.gb())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            hoy a las 9                         | 2026-11-26
            mañana                              | 2026-11-27
            pasado mañana                       | 2026-11-28
            el viernes                          | 2026-11-27
            sábado                              | 2026-11-28
            sabado                              | 2026-11-28
            el lunes                            | 2026-11-30
            el próximo viernes                  | 2026-11-27
            el viernes que viene                | 2026-11-27
            el viernes pasado                   | 2026-11-20
            el 14 de diciembre                  | 2026-12-14
            14 de diciembre de 2027             | 2027-12-14
            el día 3                            | 2026-12-03
            """)
    void findsSpanishDates(String text, LocalDate expected) {
        assertThat(only(text, Contexts.of("es-ES"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            hoje                                | 2026-11-26
            amanhã às 20h                       | 2026-11-27
            amanha                              | 2026-11-27
            depois de amanhã                    | 2026-11-28
            próxima sexta                       | 2026-11-27
            sexta-feira                         | 2026-11-27
            na sexta                            | 2026-11-27
            sábado que vem                      | 2026-11-28
            domingo                             | 2026-11-29
            14 de dezembro                      | 2026-12-14
            1º de janeiro                       | 2027-01-01
            dia 3                               | 2026-12-03
            """)
    void findsPortugueseDates(String text, LocalDate expected) {
        assertThat(only(text, Contexts.of("pt-BR"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} said on {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            next Friday        | 2026-11-27 | 2026-12-04
            Friday             | 2026-11-27 | 2026-11-27
            this Friday        | 2026-11-27 | 2026-11-27
            next Friday        | 2026-11-25 | 2026-12-04
            next Friday        | 2026-11-28 | 2026-12-04
            next Sunday        | 2026-11-29 | 2026-12-06
            coming Friday      | 2026-11-27 | 2026-12-04
            próxima sexta      | 2026-11-27 | 2026-12-04
            el próximo viernes | 2026-11-25 | 2026-11-27
            """)
    void resolvesNextWeekdayByTheDocumentedRule(String text, String saidOn, LocalDate expected) {
        assertThat(only(text, Contexts.on(saidOn, "en-GB"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} said on {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Jan 3              | 2026-12-30 | 2027-01-03
            3/1                | 2026-12-30 | 2027-01-03
            the 2nd            | 2026-12-30 | 2027-01-02
            Dec 29             | 2026-12-30 | 2026-12-29
            Dec 27             | 2026-12-30 | 2027-12-27
            Dec 31             | 2027-01-01 | 2026-12-31
            tomorrow           | 2026-12-31 | 2027-01-01
            on the 25th        | 2026-11-26 | 2026-11-25
            the 30th           | 2027-02-05 | 2027-03-30
            """)
    void resolvesYearlessDatesAcrossYearBoundaries(String text, String saidOn, LocalDate expected) {
        assertThat(only(text, Contexts.on(saidOn, "en-GB"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} said on {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            29/02              | 2027-11-26 | 2028-02-29
            29 Feb             | 2027-11-26 | 2028-02-29
            29/02/2028         | 2026-11-26 | 2028-02-29
            """)
    void acceptsTheTwentyNinthOfFebruaryInALeapYearWithinReach(String text, String saidOn, LocalDate expected) {
        assertThat(only(text, Contexts.on(saidOn, "en-GB"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"29/02", "29 Feb", "29/02/2027", "31/04/2027", "31 de abril"})
    void rejectsImpossibleOrFarAwayDates(String text) {
        assertThat(find(text, Contexts.gb())).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            12/14   | en-US | 2026-12-14 | 0.8
            3/4     | en-US | 2027-03-04 | 0.8
            3/4     | en-GB | 2027-04-03 | 0.8
            3/4     | es-ES | 2027-04-03 | 0.8
            3/4     | pt-BR | 2027-04-03 | 0.8
            14/12   | en-US | 2026-12-14 | 0.6
            12/14   | en-GB | 2026-12-14 | 0.6
            """)
    void readsAmbiguousDayMonthInTheLocaleOrder(String text, String locale, LocalDate expected, double confidence) {
        List<Match<LocalDate>> found = find(text, Contexts.of(locale));

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo(expected);
            assertThat(m.confidence()).isEqualTo(confidence);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "see you at 7.30",
                "it's 12.50 each",
                "we are 8 people",
                "we'll be 10-12 people",
                "call me on 07700 900123",
                "+55 11 91234-5678",
                "I may come later",
                "may 2 of us come?",
                "INV-2041",
                "R$ 1.200,50",
                "open 24/7",
                "I sat in the sun",
                "segunda opção",
                "a sexta vez",
                "por la mañana",
                "19:30",
                "£12.50",
                "1,200.50"
            })
    void ignoresThingsThatAreNotDates(String text) {
        assertThat(find(text, Contexts.gb())).isEmpty();
    }

    @Test
    void reportsSpansInTheOriginalText() {
        String text = "Hi! Can I book next Friday at 8, or el 14 de diciembre?";

        List<Match<LocalDate>> found = find(text, Contexts.gb());

        assertThat(found)
                .extracting(m -> text.substring(m.start(), m.end()))
                .containsExactly("next Friday", "14 de diciembre");
        assertThat(found)
                .extracting(Match::value)
                .containsExactly(LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-14"));
    }

    @Test
    void keepsSpansValidAroundBidiMarksAndNoBreakSpaces() {
        String text = "\u200f\u202aReserva\u00a0para\u202c\u200e 14/12\u200f e mañana\u00a0por la mañana";

        List<Match<LocalDate>> found = find(text, Contexts.of("es-ES"));

        assertThat(found).extracting(m -> text.substring(m.start(), m.end())).containsExactly("14/12", "mañana");
    }

    @Test
    void reportsAWeekdayNextToAnExplicitDateOnlyOnce() {
        String text = "Saturday 14 Dec or sábado, 19/12";

        assertThat(find(text, Contexts.gb()))
                .extracting(Match::value)
                .containsExactly(LocalDate.parse("2026-12-14"), LocalDate.parse("2026-12-19"));
    }

    @Test
    void findsSeveralWeekdaysInOneMessage() {
        assertThat(find("Friday or Saturday?", Contexts.gb()))
                .extracting(Match::value)
                .containsExactly(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-28"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            I paid yesterday              | 2026-11-25
            paguei ontem                  | 2026-11-25
            lo pagué ayer                 | 2026-11-25
            anteayer                      | 2026-11-24
            fiz o pix anteontem           | 2026-11-24
            """)
    void readsYesterdayAndTheDayBefore(String text, LocalDate expected) {
        assertThat(only(text, Contexts.gb())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            para el viernes 27 a las 9     | 2026-11-27
            el lunes 30                    | 2026-11-30
            el miércoles 2                 | 2026-12-02
            Friday 27th                    | 2026-11-27
            """)
    void readsAWeekdayWithItsDayOfMonthAsThatDate(String text, LocalDate expected) {
        Match<LocalDate> match = find(text, Contexts.gb()).get(0);
        assertThat(match.value()).as(text).isEqualTo(expected);
        assertThat(match.confidence()).isGreaterThanOrEqualTo(0.85);
        assertThat(text.substring(match.start(), match.end()))
                .as(text)
                .contains(expected.getDayOfMonth() + "")
                .doesNotStartWith("el")
                .doesNotStartWith("para");
    }

    @Test
    void prefersTheDayNumberWithLowerConfidenceWhenTheWeekdayDisagrees() {
        Match<LocalDate> match = find("el martes 27", Contexts.gb()).get(0); // the 27th is a Friday

        assertThat(match.value()).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(match.confidence()).isLessThan(0.7);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Friday 8pm", "el viernes 9h", "el sábado 8 personas", "sexta 20h"})
    void aNumberAfterAWeekdayThatIsATimeOrACountIsNotItsDay(String text) {
        assertThat(find(text, Contexts.gb()))
                .extracting(Match::value)
                .allSatisfy(date -> assertThat(date.getDayOfMonth()).isNotIn(8, 9, 20));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            segunda às 10h                | 2026-11-30
            Pode ser terça?               | 2026-12-01
            quarta de manhã               | 2026-12-02
            pode ser quinta               | 2026-11-26
            """)
    void readsABarePortugueseWeekdayWhenTheBusinessSpeaksPortuguese(String text, LocalDate expected) {
        NormalizeContext pt =
                new NormalizeContext(Contexts.gb().reference(), Locale.forLanguageTag("pt-BR"), "BRL", List.of("pt"));
        assertThat(only(text, pt)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"segunda às 10h", "a segunda opção", "é a segunda vez", "quinta mesa", "quarta parte"})
    void aBarePortugueseWeekdayIsAnOrdinalWhenTheBusinessDoesNotSpeakPortugueseOrANounFollows(String text) {
        NormalizeContext pt =
                new NormalizeContext(Contexts.gb().reference(), Locale.forLanguageTag("pt-BR"), "BRL", List.of("pt"));
        NormalizeContext english = new NormalizeContext(Contexts.gb().reference(), Locale.UK, "GBP", List.of("en"));
        assertThat(find(text, english)).isEmpty();
        if (!text.startsWith("segunda às")) {
            assertThat(find(text, pt)).as(text).isEmpty();
        }
    }
}
