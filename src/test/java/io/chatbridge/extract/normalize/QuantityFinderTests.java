package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityFinderTests {

    private final QuantityFinder finder = new QuantityFinder();

    private List<Match<Integer>> find(String text, NormalizeContext ctx) {
        return finder.findAll(text, ctx);
    }

    private static NormalizeContext speaking(String language) {
        NormalizeContext gb = Contexts.gb();
        return new NormalizeContext(gb.reference(), gb.locale(), "GBP", List.of(language));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a dozen eggs              | 12
            half a dozen              | 6
            two dozen                 | 24
            una docena                | 12
            media docena              | 6
            meia dúzia                | 6
            uma dúzia                 | 12
            2x margherita             | 2
            margherita x2             | 2
            3 x                       | 3
            8 people                  | 8
            8 guests                  | 8
            table for 8               | 8
            for 8                     | 8
            party of 8                | 8
            8 pax                     | 8
            8 personas                | 8
            8 pessoas                 | 8
            one person                | 1
            para dos                  | 2
            dos personas              | 2
            duas pessoas              | 2
            somos 4                   | 4
            we are six                | 6
            two                       | 2
            duas                      | 2
            dois                      | 2
            tres                      | 3
            três                      | 3
            doze                      | 12
            dieciséis                 | 16
            dezesseis                 | 16
            twenty                    | 20
            veinte                    | 20
            vinte                     | 20
            2 pizzas                  | 2
            a couple of coffees       | 2
            """)
    void findsCounts(String text, int expected) {
        assertThat(find(text, Contexts.gb()))
                .as(text)
                .singleElement()
                .extracting(Match::value)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            dos            | es | 1
            dos            | pt | 0
            dos pessoas    | pt | 1
            once           | es | 1
            once           | en | 0
            doce           | es | 1
            doce de leite  | pt | 0
            """)
    void countsFalseFriendsOnlyWhenTheLanguageAllowsIt(String text, String language, int count) {
        assertThat(find(text, speaking(language))).hasSize(count);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "someone is coming",
                "that tone",
                "alone",
                "at 8pm",
                "for 8pm",
                "for 8:30",
                "for 7 o'clock",
                "14/12/2026",
                "call me on 07700 900123",
                "+55 11 91234-5678",
                "£12.50",
                "R$ 250",
                "INV-2041",
                "the 14th",
                "el 14 de diciembre",
                "dos de diciembre",
                "in 10 minutes",
                "for 2 hours",
                "one moment please",
                "una mesa",
                "a las 8",
                "20%",
                "two pm",
                "done",
                "atone",
                "nineteen84"
            })
    void ignoresThingsThatAreNotCounts(String text) {
        assertThat(find(text, Contexts.gb())).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            two          | 2
            Duas         | 2
            dieciséis    | 16
            a dozen      | 12
            half a dozen | 6
            meia dúzia   | 6
            8            | 8
            """)
    void parsesNumberWords(String word, int expected) {
        assertThat(finder.parseNumberWord(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone", "tone", "", "1234", "twentyone"})
    void parsesNothingFromOtherWords(String word) {
        assertThat(finder.parseNumberWord(word)).isEqualTo(Optional.empty());
    }

    @Test
    void reportsSpansOfTheNumberOnly() {
        String text = "Hi, table for 4 at 8pm please, and 2x tiramisu, half a dozen oysters";

        List<Match<Integer>> found = find(text, Contexts.gb());

        assertThat(found)
                .extracting(m -> text.substring(m.start(), m.end()))
                .containsExactly("4", "2x", "half a dozen");
        assertThat(found).extracting(Match::value).containsExactly(4, 2, 6);
    }

    @Test
    void keepsSpansValidAroundBidiMarks() {
        String text = "\u200fmesa para\u200e 4\u200f pessoas";

        assertThat(find(text, Contexts.of("pt-BR"))).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo(4);
            assertThat(text.substring(m.start(), m.end())).isEqualTo("4");
        });
    }

    @Test
    void praIsAPortugueseCountCue() {
        assertThat(find("quero reservar mesa pra 4 hoje", speaking("pt")))
                .extracting(Match::value)
                .containsExactly(4);
        assertThat(find("e pra sexta, somos pra 6", speaking("pt")))
                .extracting(Match::value)
                .containsExactly(6);
    }

    @Test
    void countsTheSecondLineOfAnOrderThatOnlyNamesTheKind() {
        assertThat(find("3 empanadas de carne y 2 de pollo", speaking("es")))
                .extracting(Match::value)
                .containsExactly(3, 2);
        assertThat(find("2 bolos de chocolate e 1 de morango", speaking("pt")))
                .extracting(Match::value)
                .containsExactly(2, 1);
        assertThat(find("y 2 de diciembre", speaking("es"))).isEmpty();
        assertThat(find("y 8 de la noche", speaking("es"))).isEmpty();
    }
}
