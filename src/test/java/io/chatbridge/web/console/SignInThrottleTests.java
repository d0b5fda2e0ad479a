package io.chatbridge.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T06:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(1), clock);

    @Test
    void aUsernameIsRefusedAfterTooManyFailuresUntilTheWindowPasses() {
        throttle.failed("Ana");
        throttle.failed("ana");
        assertThat(throttle.locked("ana")).isFalse();
        throttle.failed(" ANA ");
        assertThat(throttle.locked("ana")).isTrue();
        assertThat(throttle.locked("bob")).isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.locked("ana")).isFalse();
    }

    @Test
    void aSuccessForgetsEarlierFailures() {
        throttle.failed("ana");
        throttle.failed("ana");
        throttle.succeeded("ana");
        throttle.failed("ana");
        assertThat(throttle.locked("ana")).isFalse();
    }

    @Test
    void logLinesCarryOnlyTheFirstLetterAndLength() {
        assertThat(ThrottledAuthentication.masked("maria.silva")).isEqualTo("m***(11)");
        assertThat(ThrottledAuthentication.masked("")).isEqualTo("(empty)");
    }
}
