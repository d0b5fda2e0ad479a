package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailFinderTests {

    private final EmailFinder finder = new EmailFinder();

    private List<Match<String>> find(String text) {
        return finder.findAll(text, Contexts.gb());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            mail me at ana@example.com                | ana@example.com
            Ana.Silva+reservas@Example.COM.br please  | Ana.Silva+reservas@example.com.br
            my email: josé@correo.es.                 | josé@correo.es
            (joao_99@empresa.com.br)                  | joao_99@empresa.com.br
            """)
    void findsAddressesWithALowerCaseDomain(String text, String expected) {
        assertThat(find(text)).singleElement().extracting(Match::value).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@ana", "ana@", "ana@localhost", "a@b.c", "me at example dot com", "R$ 250 @ 14/12"})
    void ignoresThingsThatAreNotAddresses(String text) {
        assertThat(find(text)).isEmpty();
    }

    @Test
    void reportsSpansInTheOriginalTextAcrossBidiMarks() {
        String text = "\u200e\u202aana@example.com\u202c and bob@example.org";

        List<Match<String>> found = find(text);

        assertThat(found)
                .extracting(m -> text.substring(m.start(), m.end()))
                .containsExactly("ana@example.com", "bob@example.org");
    }
}
