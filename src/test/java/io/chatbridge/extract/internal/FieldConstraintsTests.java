package io.chatbridge.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldConstraintsTests {

    private static FieldMapping field(FieldType type, String min, String max, String pattern) {
        return new FieldMapping(
                "f",
                type,
                false,
                List.of("chat"),
                min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max),
                pattern,
                Map.of(),
                List.of(),
                Map.of(),
                Map.of(),
                null,
                "as-written");
    }

    @Test
    void boundsAreInclusive() {
        FieldConstraints guests = FieldConstraints.of(field(FieldType.INTEGER, "1", "500", null));

        assertThat(guests.allows(BigDecimal.ONE)).isTrue();
        assertThat(guests.allows(new BigDecimal("500"))).isTrue();
        assertThat(guests.allows(BigDecimal.ZERO)).isFalse();
        assertThat(guests.allows(new BigDecimal("501"))).isFalse();
    }

    @Test
    void aLowerBoundAloneLeavesTheTopOpen() {
        FieldConstraints amount = FieldConstraints.of(field(FieldType.MONEY, "0.01", null, null));

        assertThat(amount.allows(new BigDecimal("0.01"))).isTrue();
        assertThat(amount.allows(new BigDecimal("1000000"))).isTrue();
        assertThat(amount.allows(new BigDecimal("0.00"))).isFalse();
    }

    @Test
    void aPatternMustMatchTheWholeValue() {
        FieldConstraints reference = FieldConstraints.of(field(FieldType.REFERENCE, null, null, "INV-\\d{4}"));

        assertThat(reference.allowsText("INV-2041")).isTrue();
        assertThat(reference.allowsText("INV-2041x")).isFalse();
        assertThat(reference.allowsText("inv-2041")).isFalse();
    }

    @Test
    void aFieldWithoutConstraintsAllowsEverything() {
        FieldConstraints none = FieldConstraints.of(field(FieldType.TEXT, null, null, null));

        assertThat(none.allows(new BigDecimal("-5"))).isTrue();
        assertThat(none.allowsText("anything")).isTrue();
    }
}
