package io.chatbridge.connector.xero;

import io.chatbridge.connector.sheets.RequestBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every call inside Xero's per-tenant limits, across all instances on one database: a token
 * from the shared per-minute bucket ({@link RequestBudget}, the one the Sheets connector uses), one
 * of {@code max-in-flight} slots held while the call is out, a count of the day's calls that stops
 * at {@code daily-call-limit}, and a pause set by a 429's {@code Retry-After} that every instance
 * honours.
 */
@Component
class XeroCallGuard {

    /**
     * No call may go out for a while: the day's budget is spent, or Xero asked for a pause longer than
     * is worth waiting for with payments claimed.
     */
    static final class CallsSuspended extends Exception {
        private final Instant until;

        CallsSuspended(String reason, Instant until) {
            super(reason + "; calls resume at " + until);
            this.until = until;
        }

        Instant until() {
            return until;
        }
    }

    /** A permit for one call; closing it frees the in-flight slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration SLOT_WAIT = Duration.ofMillis(20);
    /** Shorter pauses are waited out; longer ones hand the claimed payments back. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final XeroProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final String holder = UUID.randomUUID().toString();
    private volatile RequestBudget budget;

    XeroCallGuard(XeroProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.properties = properties;
        this.jdbc = jdbc;
        // the guard's rows are shared by every instance: never hold them in a caller's transaction
        // (the reconciler may ask for open invoices inside one)
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Waits for the pause, a token and a slot, and counts the call against the day. */
    Permit acquire() throws CallsSuspended, InterruptedException {
        waitOutPause();
        takeToken();
        countToday();
        int slot = takeSlot();
        return () -> alone(() -> releaseSlot(slot));
    }

    private void takeToken() throws InterruptedException {
        Duration wait;
        while (!(wait = alone(() -> budget().tryAcquire())).isZero()) {
            Thread.sleep(Math.max(5, wait.toMillis()));
        }
    }

    private <T> T alone(java.util.function.Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }

    private void alone(Runnable work) {
        ownTransaction.executeWithoutResult(status -> work.run());
    }

    /** Every instance waits until {@code until} before its next call (a 429's Retry-After). */
    void pauseUntil(Instant until, String reason) {
        alone(() -> jdbc.sql(
                        """
                        insert into xero_pause (tenant, paused_until, reason) values (?, ?, ?)
                        on conflict (tenant) do update set
                            paused_until = greatest(xero_pause.paused_until, excluded.paused_until),
                            reason = excluded.reason""")
                .params(tenant(), java.sql.Timestamp.from(until), reason)
                .update());
    }

    Optional<Instant> pausedUntil() {
        return jdbc.sql("select paused_until from xero_pause where tenant = ? and paused_until > now()")
                .param(tenant())
                .query(java.sql.Timestamp.class)
                .optional()
                .map(java.sql.Timestamp::toInstant);
    }

    int callsToday() {
        return jdbc.sql("select calls from xero_call_day where tenant = ? and day = (now() at time zone 'utc')::date")
                .param(tenant())
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private void waitOutPause() throws InterruptedException, CallsSuspended {
        Optional<Instant> until = pausedUntil();
        if (until.isPresent() && until.get().isAfter(Instant.now().plus(LONGEST_WAIT))) {
            throw new CallsSuspended("Xero asked for a pause", until.get());
        }
        while (until.isPresent()) {
            long millis = Duration.between(Instant.now(), until.get()).toMillis();
            Thread.sleep(Math.max(10, Math.min(millis, 1000)));
            until = pausedUntil();
        }
    }

    private void countToday() throws CallsSuspended {
        boolean counted = alone(() -> jdbc.sql(
                        """
                        insert into xero_call_day (tenant, day, calls) values (?, (now() at time zone 'utc')::date, 1)
                        on conflict (tenant, day) do update set calls = xero_call_day.calls + 1
                        where xero_call_day.calls < ?
                        returning calls""")
                .params(tenant(), properties.dailyCallLimit())
                .query(Integer.class)
                .optional()
                .isPresent());
        if (!counted) {
            Instant midnight = jdbc.sql("select date_trunc('day', now() at time zone 'utc') + interval '1 day'")
                    .query(java.time.LocalDateTime.class)
                    .single()
                    .toInstant(java.time.ZoneOffset.UTC);
            throw new CallsSuspended("daily call limit reached", midnight);
        }
    }

    private int takeSlot() throws InterruptedException {
        while (true) {
            Optional<Integer> slot = alone(() -> jdbc.sql(
                            """
                            update xero_slot set holder = ?, lease_until = now() + make_interval(secs => ?)
                            where slot = (
                                select slot from xero_slot
                                where slot < ? and (lease_until is null or lease_until < now())
                                order by slot limit 1 for update skip locked)
                            returning slot""")
                    .params(holder, slotLease().toMillis() / 1000.0, properties.maxInFlight())
                    .query(Integer.class)
                    .optional());
            if (slot.isPresent()) {
                return slot.get();
            }
            Thread.sleep(SLOT_WAIT.toMillis());
        }
    }

    private void releaseSlot(int slot) {
        jdbc.sql("update xero_slot set holder = null, lease_until = null where slot = ? and holder = ?")
                .params(slot, holder)
                .update();
    }

    /** A crashed instance's slot frees itself after one call's longest possible duration. */
    private Duration slotLease() {
        return properties.requestTimeout().multipliedBy(2).plusSeconds(5);
    }

    private RequestBudget budget() {
        if (budget == null) {
            synchronized (this) {
                if (budget == null) {
                    budget = new RequestBudget(jdbc, "xero-" + tenant(), properties.callsPerMinute());
                }
            }
        }
        return budget;
    }

    private String tenant() {
        return properties.tenantId() == null ? "" : properties.tenantId();
    }
}
