package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.internal.Suggestions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTests {

    @Test
    void suggestsTheClosestKnownWord() {
        assertThat(Suggestions.closest("integr", FieldType.yamlNames())).contains("integer");
        assertThat(Suggestions.closest("Date", FieldType.yamlNames())).contains("date");
        assertThat(Suggestions.closest("itemlist", FieldType.yamlNames())).contains("item-list");
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertThat(Suggestions.closest("banana", List.of("date", "time"))).isEmpty();
        assertThat(Suggestions.didYouMean("banana", List.of("date"))).isEmpty();
    }
}
