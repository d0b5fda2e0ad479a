package io.chatbridge.connector.xero;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The refresh-token chain of one tenant, in the database ({@code xero_refresh_token}). Xero spends a
 * refresh token when it is used and answers with a new one, so the newest must survive restarts and
 * only one instance at a time may spend it: the row is locked ({@code for update}) for the exchange,
 * and the access token it yields is stored too, so other instances use it instead of spending the
 * chain again. When the configured token changes (someone authorised chatbridge again) the chain
 * starts over from it. A refused chain ({@code invalid_grant}) is not tried again until then.
 */
@Component
class RefreshTokens {

    /** Exchanges a refresh token at the token endpoint. */
    @FunctionalInterface
    interface Exchange {
        Granted run(String refreshToken) throws XeroCallException;
    }

    /** What the token endpoint gave: an access token until {@code expiresAt}, and the next refresh token. */
    record Granted(String accessToken, Instant expiresAt, String refreshToken) {}

    private static final Duration EARLY = Duration.ofSeconds(60);

    private record Chain(
            String seed,
            String refreshSealed,
            String accessSealed,
            Instant accessExpiresAt,
            boolean refused,
            String lastError) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * A valid access token: the stored one while it lasts, else one from spending the newest refresh
     * token (under the row lock).
     *
     * @throws XeroCallException the endpoint refused or could not be reached; a refusal is remembered
     */
    Granted access(String tenant, String configured, TokenSeal seal, Exchange exchange) throws XeroCallException {
        Object outcome = transaction.execute(status -> {
            Chain chain = lock(tenant, configured);
            Optional<String> access = seal.open(chain.accessSealed());
            if (access.isPresent() && clock.instant().plus(EARLY).isBefore(chain.accessExpiresAt())) {
                return new Granted(access.get(), chain.accessExpiresAt(), null);
            }
            if (chain.refused()) {
                return new XeroCallException(chain.lastError(), 401, true, false, null);
            }
            String refresh = seal.open(chain.refreshSealed()).orElse(configured);
            try {
                Granted granted = exchange.run(refresh);
                store(tenant, seal, granted);
                return granted;
            } catch (XeroCallException e) {
                refuse(tenant, e);
                return e;
            }
        });
        if (outcome instanceof XeroCallException e) {
            throw e;
        }
        return (Granted) outcome;
    }

    /** Why the chain stopped (e.g. {@code invalid_grant}), or null; the same for every instance. */
    String problem(String tenant) {
        return jdbc.sql("select last_error from xero_refresh_token where tenant = ?")
                .param(tenant)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Forgets the shared access token (the API refused it), keeping the refresh chain. */
    void dropAccess(String tenant) {
        jdbc.sql("update xero_refresh_token set access_sealed = null, access_expires_at = null where tenant = ?")
                .param(tenant)
                .update();
    }

    private Chain lock(String tenant, String configured) {
        String seed = TokenSeal.sha256(configured);
        jdbc.sql("insert into xero_refresh_token (tenant, seed_sha256) values (?, ?) on conflict (tenant) do nothing")
                .params(tenant, seed)
                .update();
        Chain chain = jdbc.sql("select * from xero_refresh_token where tenant = ? for update")
                .param(tenant)
                .query((rs, n) -> new Chain(
                        rs.getString("seed_sha256"),
                        rs.getString("refresh_sealed"),
                        rs.getString("access_sealed"),
                        rs.getTimestamp("access_expires_at") == null
                                ? null
                                : rs.getTimestamp("access_expires_at").toInstant(),
                        rs.getBoolean("refused"),
                        rs.getString("last_error")))
                .single();
        if (chain.seed().equals(seed)) {
            return chain;
        }
        // a new token was configured: the chain starts over from it
        jdbc.sql(
                        """
                        update xero_refresh_token set seed_sha256 = ?, refresh_sealed = null, access_sealed = null,
                            access_expires_at = null, refused = false, last_error = null where tenant = ?""")
                .params(seed, tenant)
                .update();
        return new Chain(seed, null, null, null, false, null);
    }

    private void store(String tenant, TokenSeal seal, Granted granted) {
        jdbc.sql(
                        """
                        update xero_refresh_token set refresh_sealed = coalesce(?, refresh_sealed), access_sealed = ?,
                            access_expires_at = ?, refused = false, last_error = null, rotated_at = now()
                        where tenant = ?""")
                .params(
                        granted.refreshToken() == null ? null : seal.seal(granted.refreshToken()),
                        seal.seal(granted.accessToken()),
                        Timestamp.from(granted.expiresAt()),
                        tenant)
                .update();
    }

    private void refuse(String tenant, XeroCallException e) {
        boolean refused = e.getMessage().contains("invalid_grant");
        jdbc.sql("update xero_refresh_token set refused = ?, last_error = ? where tenant = ?")
                .params(refused, e.getMessage(), tenant)
                .update();
    }
}
