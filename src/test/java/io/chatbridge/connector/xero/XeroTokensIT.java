package io.chatbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.support.MovableClock;
import io.chatbridge.support.xero.FakeXero;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client-credentials tokens from the fake Xero identity server, over HTTP: cached, renewed, refused. */
class XeroTokensIT {

    private FakeXero fake;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T09:00:00Z"));

    @BeforeEach
    void start() {
        fake = new FakeXero();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aTokenIsReusedUntilAMinuteBeforeItExpiresThenRenewed() throws Exception {
        XeroTokens tokens = new XeroTokens(properties(FakeXero.CLIENT_SECRET), clock);

        String first = tokens.current();
        clock.advance(Duration.ofMinutes(28));
        assertThat(tokens.current()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(61));
        String second = tokens.current();

        assertThat(second).isNotEqualTo(first);
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsForgottenAndFetchedAgain() throws Exception {
        XeroTokens tokens = new XeroTokens(properties(FakeXero.CLIENT_SECRET), clock);
        String first = tokens.current();

        tokens.invalidate();

        assertThat(tokens.current()).isNotEqualTo(first);
        assertThat(fake.tokensIssued()).isEqualTo(2);
    }

    @Test
    void wrongCredentialsSayWhatTheTokenEndpointAnsweredWithoutTheSecret() {
        XeroTokens tokens = new XeroTokens(properties("not-the-secret"), clock);

        assertThatThrownBy(tokens::current)
                .isInstanceOf(XeroCallException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("not-the-secret")
                .satisfies(e -> assertThat(((XeroCallException) e).retryable()).isTrue());
    }

    private XeroProperties properties(String secret) {
        return XeroTestProperties.of(fake, secret);
    }
}
