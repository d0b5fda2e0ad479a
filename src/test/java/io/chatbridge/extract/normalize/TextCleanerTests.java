package io.chatbridge.extract.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextCleanerTests {

    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u202f", "\u2009", "\u2007", "\u200a", "\u3000"})
    void oddSpacesBecomePlainSpaces(String space) {
        assertThat(TextCleaner.clean("7:30" + space + "pm")).isEqualTo("7:30 pm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200e", "\u200f", "\u202a", "\u202c", "\u2066", "\u2069", "\u200b", "\ufeff", "\u061c"})
    void bidiAndInvisibleMarksBecomeSpacesSoOffsetsStay(String mark) {
        String raw = mark + "+44 7700 900123" + mark;

        String cleaned = TextCleaner.clean(raw);

        assertThat(cleaned).hasSameSizeAs(raw).isEqualTo(" +44 7700 900123 ");
    }

    @Test
    void unicodeHyphensAndCurlyApostrophesBecomeAscii() {
        assertThat(TextCleaner.clean("INV\u20112041 at 8 o\u2019clock")).isEqualTo("INV-2041 at 8 o'clock");
    }

    @Test
    void foldLowerCasesAndStripsAccentsKeepingLength() {
        String raw = "Mañana SÁBADO às 20h, próxima sexta, Depois de AMANHÃ, ¿Dónde?";

        String folded = TextCleaner.fold(raw);

        assertThat(folded)
                .hasSameSizeAs(raw)
                .isEqualTo("manana sabado as 20h, proxima sexta, depois de amanha, ¿donde?");
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String raw = "table for 4 tomorrow";

        assertThat(TextCleaner.clean(raw)).isSameAs(raw);
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(TextCleaner.clean(null)).isEmpty();
    }
}
