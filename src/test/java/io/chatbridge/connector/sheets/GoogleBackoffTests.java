package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoogleBackoffTests {

    @Test
    void waitsTwoToTheNSecondsPlusRandomMillisecondsUpToTheCap() {
        GoogleBackoff backoff = new GoogleBackoff(Duration.ofSeconds(1), Duration.ofSeconds(32), () -> 250);

        assertThat(backoff.delay(0, null)).isEqualTo(Duration.ofMillis(1_250));
        assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofMillis(2_250));
        assertThat(backoff.delay(4, null)).isEqualTo(Duration.ofMillis(16_250));
        assertThat(backoff.delay(5, null)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delay(30, null)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void aRetryAfterFromGoogleIsAFloor() {
        GoogleBackoff backoff = new GoogleBackoff(Duration.ofSeconds(1), Duration.ofSeconds(32), () -> 0);

        assertThat(backoff.delay(0, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }
}
