package io.chatbridge.web.console.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldInputTests {

    private static FieldMapping field(
            FieldType type, BigDecimal min, BigDecimal max, Map<String, List<String>> values) {
        return new FieldMapping(
                "f", type, false, List.of("chat"), min, max, null, Map.of(), List.of(), values, Map.of(), null, null);
    }

    @Test
    void valuesAreStoredAsExtractionStoresThem() {
        assertThat(FieldInput.parse("guests", " 12 ", field(FieldType.INTEGER, null, null, Map.of())))
                .isEqualTo(12L);
        assertThat(FieldInput.parse("total", "12.50", field(FieldType.MONEY, null, null, Map.of())))
                .isEqualTo("12.50");
        assertThat(FieldInput.parse("event_date", "2026-12-14", field(FieldType.DATE, null, null, Map.of())))
                .isEqualTo("2026-12-14");
        assertThat(FieldInput.parse("event_time", "19:30", field(FieldType.TIME, null, null, Map.of())))
                .isEqualTo("19:30");
        assertThat(FieldInput.parse(
                        "items",
                        "[{\"item\": \"pizza\", \"quantity\": 2}]",
                        field(FieldType.ITEM_LIST, null, null, Map.of())))
                .isEqualTo(List.of(Map.of("item", "pizza", "quantity", 2)));
        assertThat(FieldInput.parse("notes", "=SUM(A1)", field(FieldType.TEXT, null, null, Map.of())))
                .isEqualTo("=SUM(A1)");
    }

    @Test
    void aBlankClearsTheFieldAndAnUnmappedFieldTakesText() {
        assertThat(FieldInput.parse("guests", "  ", field(FieldType.INTEGER, null, null, Map.of())))
                .isNull();
        assertThat(FieldInput.parse("extra", "anything", null)).isEqualTo("anything");
    }

    @Test
    void valuesOutsideTheMappingAreRefusedWithAPlainReason() {
        FieldMapping guests = field(FieldType.INTEGER, BigDecimal.ONE, new BigDecimal("500"), Map.of());
        assertThatThrownBy(() -> FieldInput.parse("guests", "many", guests))
                .hasMessage("guests: 'many' is not a whole number (e.g. 4).");
        assertThatThrownBy(() -> FieldInput.parse("guests", "0", guests)).hasMessageContaining("between 1 and 500");
        assertThatThrownBy(() -> FieldInput.parse("event_date", "14/12", field(FieldType.DATE, null, null, Map.of())))
                .hasMessageContaining("a date like 2026-12-14");
        FieldMapping size = field(FieldType.ENUM, null, null, Map.of("small", List.of("s"), "large", List.of("l")));
        assertThatThrownBy(() -> FieldInput.parse("size", "huge", size)).hasMessageContaining("is one of");
        assertThatThrownBy(() -> FieldInput.parse("items", "pizza", field(FieldType.ITEM_LIST, null, null, Map.of())))
                .hasMessageContaining("JSON");
    }

    /** java.util.regex recurses per repetition of a group: a long value threw StackOverflowError (a 500). */
    @Test
    void aValueThePatternOverflowsOnIsRefusedWithAPlainReason() {
        FieldMapping notes = new FieldMapping(
                "notes",
                FieldType.TEXT,
                false,
                List.of("chat", "console"),
                null,
                null,
                "(?:\\p{L}+\\s?)+",
                Map.of(),
                List.of(),
                Map.of(),
                Map.of(),
                null,
                null);
        assertThat(FieldInput.parse("notes", "no nuts please", notes)).isEqualTo("no nuts please");

        String longNotes = "word ".repeat(20_000).trim();

        assertThatThrownBy(() -> FieldInput.parse("notes", longNotes, notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("notes is too long to check against its pattern")
                .hasMessageNotContaining("word word");
    }
}
