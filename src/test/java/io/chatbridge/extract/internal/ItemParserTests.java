package io.chatbridge.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemParserTests {

    @Test
    void englishInflectsTheLastWordOrTheWordBeforeOf() {
        assertThat(ItemParser.singular(List.of("chocolate", "cakes"), "en")).isEqualTo("chocolate cake");
        assertThat(ItemParser.singular(List.of("loaves", "of", "sourdough"), "en"))
                .isEqualTo("loaf of sourdough");
        assertThat(ItemParser.singular(List.of("cookies"), "en")).isEqualTo("cookie");
        assertThat(ItemParser.singular(List.of("pastries"), "en")).isEqualTo("pastry");
        assertThat(ItemParser.singular(List.of("quiches"), "en")).isEqualTo("quiche");
        assertThat(ItemParser.singular(List.of("sandwiches"), "en")).isEqualTo("sandwich");
        assertThat(ItemParser.singular(List.of("glass"), "en")).isEqualTo("glass");
    }

    @Test
    void spanishAndPortugueseInflectTheWordsBeforeDe() {
        assertThat(ItemParser.singular(List.of("empanadas", "de", "carne"), "es"))
                .isEqualTo("empanada de carne");
        assertThat(ItemParser.singular(List.of("pasteles"), "es")).isEqualTo("pastel");
        assertThat(ItemParser.singular(List.of("tamales"), "es")).isEqualTo("tamal");
        assertThat(ItemParser.singular(List.of("luces"), "es")).isEqualTo("luz");
        assertThat(ItemParser.singular(List.of("pães", "de", "queijo"), "pt")).isEqualTo("pão de queijo");
        assertThat(ItemParser.singular(List.of("pastéis", "de", "nata"), "pt")).isEqualTo("pastel de nata");
        assertThat(ItemParser.singular(List.of("pudins"), "pt")).isEqualTo("pudim");
        assertThat(ItemParser.singular(List.of("coxinhas"), "pt")).isEqualTo("coxinha");
    }
}
