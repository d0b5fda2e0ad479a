package io.chatbridge.reconcile.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTests {

    @Test
    void bankStylesOfTheSameNameAreAlike() {
        assertThat(Names.similarity("SMITH J", "John Smith")).isGreaterThanOrEqualTo(0.85);
        assertThat(Names.similarity("Mr John Smith", "John Smith")).isEqualTo(1.0);
        assertThat(Names.similarity("SØREN ÅGÅRD", "Søren Ågård")).isEqualTo(1.0);
        assertThat(Names.similarity("Muller GmbH", "Müller GmbH")).isEqualTo(1.0);
        assertThat(Names.similarity("Jon Smith", "John Smith")).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void sharingAFirstNameIsNotTheSamePerson() {
        assertThat(Names.similarity("Zoe Sharma", "Zoe Suzuki")).isLessThan(0.7);
        assertThat(Names.similarity("J SMITH", "J JONES")).isZero();
        assertThat(Names.similarity(null, "Ana")).isZero();
    }
}
