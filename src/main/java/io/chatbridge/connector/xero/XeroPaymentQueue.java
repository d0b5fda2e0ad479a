package io.chatbridge.connector.xero;

import static io.chatbridge.common.Columns.instant;
import static io.chatbridge.common.Columns.truncatedError;

import io.chatbridge.reconcile.PaymentMatched;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The payment outbox ({@code xero_payment}): rows are written in the reconciler's transaction and
 * claimed by the poster under a lease ({@code FOR UPDATE SKIP LOCKED}), so several instances never
 * send the same payment at once and a crashed one's claims come back.
 */
@Repository
class XeroPaymentQueue {

    private static final String COLUMNS =
            """
            id, match_id, idempotency_key, invoice_id, invoice_number, amount, currency, paid_on, bank_reference,
            record_id, state, attempts, next_attempt_at, last_error, xero_payment_id, created_at, sent_at""";

    private final JdbcClient jdbc;

    XeroPaymentQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a match's payment; the same match again is a no-op (unique idempotency key). */
    void enqueue(PaymentMatched match) {
        jdbc.sql(
                        """
                        insert into xero_payment (match_id, idempotency_key, invoice_id, invoice_number, amount,
                            currency, paid_on, bank_reference, record_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (idempotency_key) do nothing""")
                .params(
                        match.matchId(),
                        match.idempotencyKey(),
                        match.invoiceId(),
                        match.invoiceNumber(),
                        match.amount(),
                        match.currency(),
                        match.paidOn(),
                        match.bankReference(),
                        match.recordId())
                .update();
    }

    /** Claims due payments (and expired claims of a crashed instance), oldest first. */
    List<QueuedPayment> claim(int limit, Duration lease, String claimant) {
        return jdbc.sql(
                        """
                        update xero_payment set state = 'in_flight', claimed_by = ?,
                            lease_until = now() + make_interval(secs => ?), updated_at = now()
                        where id in (
                            select id from xero_payment
                            where (state = 'pending' and next_attempt_at <= now())
                               or (state = 'in_flight' and lease_until < now())
                            order by next_attempt_at, batch_key nulls last, id
                            limit ?
                            for update skip locked)
                        returning id, idempotency_key, invoice_id, amount, paid_on, bank_reference, record_id,
                            invoice_number, batch_key, batch_size, solo, attempts, replays""")
                .params(claimant, lease.toMillis() / 1000.0, limit)
                .query(XeroPaymentQueue::queued)
                .list();
    }

    /** Fixes which call the rows travel in, so a retry resends exactly that call with its key. */
    void assignBatch(List<Long> ids, String batchKey) {
        jdbc.sql("update xero_payment set batch_key = ?, batch_size = ? where id = any(?)")
                .params(batchKey, ids.size(), ids.toArray(Long[]::new))
                .update();
    }

    /** Gives claimed rows back untouched (their batch was not complete in this claim, or no call went out). */
    void release(List<Long> ids, Instant notBefore, String claimant, String reason) {
        jdbc.sql(
                        """
                        update xero_payment set state = 'pending', claimed_by = null, lease_until = null,
                            next_attempt_at = greatest(now(), ?), last_error = coalesce(?, last_error), updated_at = now()
                        where id = any(?) and claimed_by = ?""")
                .params(java.sql.Timestamp.from(notBefore), reason, ids.toArray(Long[]::new), claimant)
                .update();
    }

    /** Sent; {@code claimed_by} stays, to tell which instance sent it. */
    void markSent(long id, String xeroPaymentId, String claimant) {
        jdbc.sql(
                        """
                        update xero_payment set state = 'sent', xero_payment_id = ?, sent_at = now(), last_error = null,
                            lease_until = null, updated_at = now()
                        where id = ? and claimed_by = ?""")
                .params(xeroPaymentId, id, claimant)
                .update();
    }

    /** Dead letter; {@code ambiguous} when the last failure may have applied the payment after all. */
    void markDead(List<Long> ids, String error, boolean ambiguous, String claimant) {
        jdbc.sql(
                        """
                        update xero_payment set state = 'dead', attempts = attempts + 1, last_error = ?, ambiguous = ?,
                            claimed_by = null, lease_until = null, updated_at = now()
                        where id = any(?) and claimed_by = ?""")
                .params(truncatedError(error), ambiguous, ids.toArray(Long[]::new), claimant)
                .update();
    }

    /** A failed try: back to pending after {@code retryIn}, one attempt more. */
    void markRetry(List<Long> ids, String error, Duration retryIn, String claimant) {
        jdbc.sql(
                        """
                        update xero_payment set state = 'pending', attempts = attempts + 1,
                            next_attempt_at = now() + make_interval(secs => ?), last_error = ?,
                            claimed_by = null, lease_until = null, updated_at = now()
                        where id = any(?) and claimed_by = ?""")
                .params(retryIn.toMillis() / 1000.0, truncatedError(error), ids.toArray(Long[]::new), claimant)
                .update();
    }

    /** Xero refused the call as a whole: each payment goes again on its own, so one bad one cannot block the rest. */
    void splitIntoSolo(List<Long> ids, String error, String claimant) {
        jdbc.sql(
                        """
                        update xero_payment set state = 'pending', solo = true, batch_key = null, batch_size = null,
                            next_attempt_at = now(), last_error = ?, claimed_by = null, lease_until = null,
                            updated_at = now()
                        where id = any(?) and claimed_by = ?""")
                .params(truncatedError(error), ids.toArray(Long[]::new), claimant)
                .update();
    }

    /**
     * Queues a dead payment again, alone, with fresh attempts. After a definite refusal (nothing was
     * applied) it gets a fresh key, or Xero would answer the replay with the stored refusal. After
     * failures that may have reached Xero it keeps its own key, so if one did apply the payment, the
     * replay is answered from Xero's idempotency record rather than paying twice.
     */
    boolean replay(long id) {
        return jdbc.sql(
                                """
                        update xero_payment set state = 'pending', attempts = 0, next_attempt_at = now(),
                            solo = true, batch_key = null, batch_size = null,
                            replays = replays + case when ambiguous then 0 else 1 end, ambiguous = false,
                            updated_at = now()
                        where id = ? and state = 'dead'""")
                        .param(id)
                        .update()
                > 0;
    }

    List<XeroPayment> list(String state, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from xero_payment where (? is null or state = ?) order by id desc limit ?")
                .params(state, state, limit)
                .query(XeroPaymentQueue::payment)
                .list();
    }

    Optional<XeroPayment> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from xero_payment where id = ?")
                .param(id)
                .query(XeroPaymentQueue::payment)
                .optional();
    }

    List<StateCount> counts() {
        return jdbc.sql("select state, count(*) from xero_payment group by state order by state")
                .query((rs, n) -> new StateCount(rs.getString(1), rs.getLong(2)))
                .list();
    }

    record StateCount(String state, long count) {}

    private static QueuedPayment queued(ResultSet rs, int n) throws SQLException {
        return new QueuedPayment(
                rs.getLong("id"),
                rs.getString("idempotency_key"),
                rs.getString("invoice_id"),
                rs.getString("invoice_number"),
                rs.getBigDecimal("amount"),
                rs.getObject("paid_on", java.time.LocalDate.class),
                rs.getString("bank_reference"),
                rs.getString("record_id"),
                rs.getString("batch_key"),
                rs.getInt("batch_size"),
                rs.getBoolean("solo"),
                rs.getInt("attempts"),
                rs.getInt("replays"));
    }

    private static XeroPayment payment(ResultSet rs, int n) throws SQLException {
        return new XeroPayment(
                rs.getLong("id"),
                rs.getLong("match_id"),
                rs.getString("idempotency_key"),
                rs.getString("invoice_id"),
                rs.getString("invoice_number"),
                rs.getBigDecimal("amount"),
                rs.getString("currency"),
                rs.getObject("paid_on", java.time.LocalDate.class),
                rs.getString("bank_reference"),
                rs.getString("record_id"),
                rs.getString("state"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"),
                rs.getString("xero_payment_id"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")));
    }
}
