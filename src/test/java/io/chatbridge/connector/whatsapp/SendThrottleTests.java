package io.chatbridge.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendThrottleTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRecipientGetsABurstThenOneMessageEverySixSeconds() {
        SendThrottle throttle = new SendThrottle(80, Duration.ofSeconds(6), 2);

        assertThat(throttle.reserve("pn", "+44", T0)).isZero();
        assertThat(throttle.reserve("pn", "+44", T0)).isZero();
        assertThat(throttle.reserve("pn", "+44", T0)).isEqualTo(Duration.ofSeconds(6));
        assertThat(throttle.reserve("pn", "+55", T0))
                .as("another recipient is not held up")
                .isZero();
        assertThat(throttle.reserve("pn", "+44", T0.plusSeconds(6))).isZero();
    }

    @Test
    void aBusinessNumberSendsAtMostItsThroughputPerSecond() {
        SendThrottle throttle = new SendThrottle(3, Duration.ofSeconds(6), 10);

        for (int i = 0; i < 3; i++) {
            assertThat(throttle.reserve("pn", "+" + i, T0)).isZero();
        }
        assertThat(throttle.reserve("pn", "+9", T0)).isEqualTo(Duration.ofMillis(334));
        assertThat(throttle.reserve("other", "+9", T0)).isZero();
    }

    @Test
    void metasErrorCodesDecideWhetherToRetry() {
        assertThat(refusal(130429, 400).retryable()).isTrue();
        assertThat(refusal(131056, 400).retryable()).isTrue();
        assertThat(refusal(131047, 400).retryable()).isFalse();
        assertThat(refusal(190, 401).retryable()).isFalse();
        assertThat(refusal(100, 400).retryable()).isFalse();
        assertThat(refusal(WhatsAppSendException.NO_CODE, 503).retryable()).isTrue();
        assertThat(refusal(WhatsAppSendException.NO_CODE, 0).retryable())
                .as("not reachable")
                .isTrue();
        assertThat(OutboundSender.pairBackoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutboundSender.pairBackoff(2)).isEqualTo(Duration.ofSeconds(16));
    }

    private static WhatsAppSendException refusal(int code, int status) {
        return new WhatsAppSendException("x", code, status, null, null);
    }
}
