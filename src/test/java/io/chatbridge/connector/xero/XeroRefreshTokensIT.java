package io.chatbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.support.TestClock;
import io.chatbridge.support.TestDatabase;
import io.chatbridge.support.xero.FakeXero;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The refresh-token grant against the fake Xero identity server, with the chain kept in a real
 * PostgreSQL: Xero spends a refresh token on use, so the rotated one must be stored (sealed), found
 * again after a restart, never spent by two instances, and a spent one must say what to do.
 */
class XeroRefreshTokensIT {

    static TestDatabase db;
    static TransactionTemplate transaction;

    private FakeXero fake;
    private String configured;

    @BeforeAll
    static void database() {
        db = new TestDatabase();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
    }

    @AfterAll
    static void closeDatabase() throws Exception {
        db.close();
        TestClock.INSTANCE.reset();
    }

    @BeforeEach
    void start() {
        fake = new FakeXero();
        configured = fake.issueRefreshToken();
        db.jdbc.sql("delete from xero_refresh_token").update();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** One chatbridge instance's token source; every instance shares the database. */
    private XeroTokens instance(String refreshToken) {
        return new XeroTokens(
                XeroTestProperties.of(fake, FakeXero.CLIENT_SECRET, refreshToken),
                TestClock.INSTANCE,
                new RefreshTokens(db.jdbc, transaction, TestClock.INSTANCE));
    }

    @Test
    void theRotatedRefreshTokenIsStoredSealedAndSpentNextTime() throws Exception {
        XeroTokens tokens = instance(configured);

        String first = tokens.current();
        TestClock.INSTANCE.advance(Duration.ofMinutes(31));
        String second = tokens.current();

        assertThat(second).isNotEqualTo(first);
        assertThat(fake.refusedGrants()).isZero();
        String stored = db.jdbc
                .sql("select refresh_sealed || access_sealed from xero_refresh_token")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain("fake-xero-refresh-token").doesNotContain("fake-xero-access-token");
    }

    @Test
    void aRestartedInstanceContinuesTheChainInsteadOfSpendingTheConfiguredTokenAgain() throws Exception {
        instance(configured).current();
        TestClock.INSTANCE.advance(Duration.ofMinutes(31));

        XeroTokens restarted = instance(configured);

        assertThat(restarted.current()).startsWith("fake-xero-access-token-");
        assertThat(fake.refusedGrants()).isZero();
        assertThat(restarted.problem()).isNull();
    }

    @Test
    void twoInstancesAtOnceSpendTheTokenOnceAndShareTheAccessToken() throws Exception {
        XeroTokens a = instance(configured);
        XeroTokens b = instance(configured);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (XeroTokens tokens : List.of(a, b, a, b)) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return tokens.current();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        go.countDown();

        assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
        assertThat(fake.refusedGrants()).isZero();
        assertThat(fake.tokensIssued()).isEqualTo(1);
    }

    @Test
    void aSpentOrRevokedTokenSaysWhatToDoIsShownAndIsNotTriedAgain() throws Exception {
        XeroTokens tokens = instance(configured);
        tokens.current();
        fake.revokeRefreshTokens();
        TestClock.INSTANCE.advance(Duration.ofMinutes(31));

        assertThatThrownBy(tokens::current)
                .isInstanceOf(XeroCallException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("CHATBRIDGE_XERO_REFRESH_TOKEN")
                .hasMessageNotContaining("fake-xero-refresh-token");
        assertThatThrownBy(instance(configured)::current).hasMessageContaining("invalid_grant");

        assertThat(fake.refusedGrants()).isEqualTo(1);
        assertThat(tokens.problem()).contains("invalid_grant");
    }

    @Test
    void aNewlyConfiguredTokenStartsTheChainOver() throws Exception {
        instance(configured).current();
        fake.revokeRefreshTokens();
        TestClock.INSTANCE.advance(Duration.ofMinutes(31));
        assertThatThrownBy(instance(configured)::current).hasMessageContaining("invalid_grant");

        XeroTokens reauthorised = instance(fake.issueRefreshToken());

        assertThat(reauthorised.current()).startsWith("fake-xero-access-token-");
        assertThat(reauthorised.problem()).isNull();
    }
}
