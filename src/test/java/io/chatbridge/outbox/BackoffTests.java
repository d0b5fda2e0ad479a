package io.chatbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private static final Duration BASE = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(30);

    @RepeatedTest(20)
    void doublesPerAttemptWithJitterInTheUpperHalf() {
        assertThat(Backoff.after(1, BASE, MAX, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(Backoff.after(4, BASE, MAX, null)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
    }

    @Test
    void neverExceedsTheCapEvenAfterManyAttempts() {
        assertThat(Backoff.after(200, BASE, MAX, null)).isBetween(MAX.dividedBy(2), MAX);
    }

    @Test
    void honoursALongerRetryAfter() {
        assertThat(Backoff.after(1, BASE, MAX, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(Backoff.after(10, BASE, MAX, Duration.ofSeconds(1))).isGreaterThan(Duration.ofSeconds(1));
    }
}
