package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceFinderTests {

    private final ReferenceFinder finder = new ReferenceFinder();

    private List<Match<String>> find(String text) {
        return finder.findAll(text, Contexts.gb());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            paid INV-2041 today                 | INV-2041
            for inv 2041                        | inv 2041
            INV 2041                            | INV 2041
            ref: 88123                          | 88123
            Ref 88123                           | 88123
            the reference is ABC123             | ABC123
            reference ABC123                    | ABC123
            #A7731                              | #A7731
            invoice #2041                       | #2041
            invoice no. 2041                    | 2041
            referência 5521                     | 5521
            referencia PAGO-77                  | PAGO-77
            comprovante: 0042-77                | 0042-77
            número de pedido 7781               | 7781
            BK-0042 is mine                     | BK-0042
            """)
    void findsReferencesAsWritten(String text, String expected) {
        assertThat(find(text)).as(text).singleElement().extracting(Match::value).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "£2041",
                "paid 2041",
                "R$ 1.200,50",
                "ref please",
                "#1",
                "#ab",
                "see you Dec-14",
                "e-mail me",
                "14/12/2026",
                "+55 11 91234-5678",
                "table for 8",
                "INV-",
                "reference"
            })
    void ignoresThingsThatAreNotReferences(String text) {
        assertThat(find(text)).isEmpty();
    }

    @Test
    void reportsSpansAndConfidence() {
        String text = "Transferi R$ 250 ref: 88123 e o #A7731, fatura INV-2041";

        List<Match<String>> found = find(text);

        assertThat(found)
                .extracting(m -> text.substring(m.start(), m.end()))
                .containsExactly("88123", "#A7731", "INV-2041");
        assertThat(found).extracting(Match::confidence).containsExactly(0.9, 0.8, 0.9);
    }

    @Test
    void keepsSpansValidAroundBidiMarks() {
        String text = "\u200fرقم\u200e INV\u20112041\u200f";

        assertThat(find(text)).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo("INV\u20112041");
            assertThat(m.start()).isEqualTo(6);
            assertThat(m.end()).isEqualTo(14);
        });
    }
}
