package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeFinderTests {

    private final TimeFinder finder = new TimeFinder();

    private List<Match<LocalTime>> find(String text) {
        return finder.findAll(text, Contexts.gb());
    }

    private LocalTime only(String text) {
        List<Match<LocalTime>> found = find(text);
        assertThat(found).as(text).hasSize(1);
        return found.get(0).value();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            7pm                       | 19:00
            7 pm                      | 19:00
            7:30pm                    | 19:30
            7.30pm                    | 19:30
            7 p.m.                    | 19:00
            9 a.m.                    | 09:00
            9am sharp                 | 09:00
            12 am                     | 00:00
            12am                      | 00:00
            12 pm                     | 12:00
            12:15 a.m.                | 00:15
            19:30                     | 19:30
            19h                       | 19:00
            19h30                     | 19:30
            20hs                      | 20:00
            7h                        | 07:00
            half past 6               | 06:30
            half past 6 in the evening| 18:30
            quarter past seven pm     | 19:15
            quarter to 8              | 07:45
            quarter to 8 tonight      | 19:45
            noon                      | 12:00
            midday                    | 12:00
            midnight                  | 00:00
            at 8                      | 08:00
            at 8 o'clock              | 08:00
            at 7.30                   | 07:30
            8 in the evening          | 20:00
            10 at night               | 22:00
            eight pm                  | 20:00
            """)
    void findsEnglishTimes(String text, LocalTime expected) {
        assertThat(only(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a las 8                   | 08:00
            a las 8 de la noche       | 20:00
            8 de la noche             | 20:00
            a las 5 de la tarde       | 17:00
            a las 10 de la mañana     | 10:00
            a la una                  | 01:00
            a las 8 y media           | 08:30
            a las 9 menos cuarto      | 08:45
            12 de la noche            | 00:00
            mediodía                  | 12:00
            medianoche                | 00:00
            às 20h                    | 20:00
            às 8                      | 08:00
            às 8 da noite             | 20:00
            às 3 da tarde             | 15:00
            às 7 e meia               | 07:30
            meio-dia                  | 12:00
            meia-noite                | 00:00
            """)
    void findsSpanishAndPortugueseTimes(String text, LocalTime expected) {
        assertThat(only(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] separator U+{1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            7:30\u00a0p. m.     | 00A0
            7:30\u202fp.\u202fm.| 202F
            7:30\u2009pm        | 2009
            7:30\u00a0PM        | 00A0
            """)
    void readsMeridiemsAfterNoBreakAndNarrowSpaces(String text, String codePoint) {
        List<Match<LocalTime>> found = find(text);

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo(LocalTime.of(19, 30));
            assertThat(text.substring(m.start(), m.end())).isEqualTo(text.strip());
            assertThat(m.confidence()).isEqualTo(0.95);
        });
    }

    @Test
    void marksBareHoursAsMeridiemAmbiguous() {
        assertThat(find("at 8")).singleElement().extracting(Match::confidence).isEqualTo(0.6);
        assertThat(find("at 8pm")).singleElement().extracting(Match::confidence).isEqualTo(0.95);
        assertThat(find("20:00")).singleElement().extracting(Match::confidence).isEqualTo(0.9);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "it's 12.50 each",
                "£7.30",
                "we are 8 people",
                "at 8 people",
                "14/12/2026",
                "call me on 07700 900123",
                "back in 2h",
                "open 24h",
                "it takes 48h",
                "INV-2041",
                "R$ 1.200,50",
                "someone is coming",
                "I am 8",
                "dos y media",
                "2 e meia pizzas",
                "8 amigos",
                "7hrs",
                "table 12",
                "7.5 stars"
            })
    void ignoresThingsThatAreNotTimes(String text) {
        assertThat(find(text)).isEmpty();
    }

    @Test
    void reportsSpansWithoutTheCue() {
        String text = "Table for 4 tomorrow at 7:30 pm, or a las 8 de la noche";

        List<Match<LocalTime>> found = find(text);

        assertThat(found)
                .extracting(m -> text.substring(m.start(), m.end()))
                .containsExactly("7:30 pm", "8 de la noche");
        assertThat(found).extracting(Match::value).containsExactly(LocalTime.of(19, 30), LocalTime.of(20, 0));
    }

    @Test
    void keepsSpansValidAroundRightToLeftMarks() {
        String text = "\u200fموعد\u200e 19:30\u200f ok";

        assertThat(find(text)).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo(LocalTime.of(19, 30));
            assertThat(text.substring(m.start(), m.end())).isEqualTo("19:30");
        });
    }

    @Test
    void readsPortugueseAsWithoutAccentOnlyWhenTheBusinessSpeaksPortuguese() {
        NormalizeContext english =
                new NormalizeContext(Contexts.gb().reference(), Contexts.gb().locale(), "GBP", List.of("en"));

        assertThat(finder.findAll("as 8 of us said", english)).isEmpty();
        assertThat(finder.findAll("as 8", english)).isEmpty();
        assertThat(finder.findAll("às 8", english)).hasSize(1);
        assertThat(finder.findAll("as 8", Contexts.of("pt-BR"))).hasSize(1);
    }
}
