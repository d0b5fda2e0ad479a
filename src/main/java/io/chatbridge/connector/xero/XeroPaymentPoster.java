package io.chatbridge.connector.xero;

import com.xero.models.accounting.Account;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Payment;
import com.xero.models.accounting.Payments;
import com.xero.models.accounting.ValidationError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Drains the payment outbox into Xero (route {@code deliver-xero}): claims due payments, groups up
 * to {@code payments-per-call} into one {@code PUT /Payments} with an {@code Idempotency-Key}, and
 * sends up to {@code max-in-flight} calls at once. Each payment's own result decides its fate:
 * applied → {@code sent}; refused by Xero (already paid, more than is due, a validation error) →
 * {@code dead} with Xero's message. A whole call that failed is retried with backoff under the same
 * key (429 honours {@code Retry-After} and pauses every instance), so a 503 that had in fact
 * applied the payments is answered from Xero's idempotency record instead of paying twice.
 */
@Component("xeroPaymentPoster")
public class XeroPaymentPoster implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(XeroPaymentPoster.class);

    private final XeroProperties properties;
    private final XeroPaymentQueue queue;
    private final XeroClient client;
    private final XeroCallGuard guard;
    private final XeroTokens tokens;
    private final String claimant = "xero-" + UUID.randomUUID();
    private final ExecutorService calls;
    private volatile String lastProblem;

    XeroPaymentPoster(
            XeroProperties properties,
            XeroPaymentQueue queue,
            XeroClient client,
            XeroCallGuard guard,
            XeroTokens tokens) {
        this.properties = properties;
        this.tokens = tokens;
        this.queue = queue;
        this.client = client;
        this.guard = guard;
        this.calls = Executors.newFixedThreadPool(properties.maxInFlight(), r -> {
            Thread thread = new Thread(r, "xero-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One round: claim, group, send. Returns how many payments were handled (sent, dead or retried). */
    public int drain() throws InterruptedException {
        if (!properties.configured() || guard.pausedUntil().isPresent() || !tokenAvailable()) {
            return 0;
        }
        List<QueuedPayment> claimed =
                queue.claim(properties.paymentsPerCall() * properties.maxInFlight(), properties.lease(), claimant);
        if (claimed.isEmpty()) {
            return 0;
        }
        PaymentBatches.Plan plan = PaymentBatches.plan(claimed, properties.paymentsPerCall());
        if (!plan.incomplete().isEmpty()) {
            queue.release(ids(plan.incomplete()), Instant.now(), claimant, null);
        }
        List<Future<?>> running = new ArrayList<>();
        for (PaymentBatches.Batch batch : plan.batches()) {
            if (batch.fresh()) {
                queue.assignBatch(ids(batch.payments()), batch.key());
            }
            running.add(calls.submit(() -> send(batch)));
        }
        for (Future<?> call : running) {
            try {
                call.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("Xero payment call failed unexpectedly", e.getCause());
            }
        }
        return claimed.size() - plan.incomplete().size();
    }

    /** Without a token nothing is claimed, so wrong credentials cost no payment an attempt. */
    private boolean tokenAvailable() {
        try {
            tokens.current();
            return true;
        } catch (XeroCallException e) {
            lastProblem = e.getMessage();
            log.warn("Xero: no access token ({}); payments wait", e.getMessage());
            return false;
        }
    }

    /** The last problem that stopped calls (a token refused, the daily limit), or null. */
    String lastProblem() {
        return lastProblem;
    }

    private void send(PaymentBatches.Batch batch) {
        List<Long> ids = ids(batch.payments());
        try {
            Payments result = client.createPayments(request(batch.payments()), batch.key());
            settle(batch.payments(), result);
            lastProblem = null;
        } catch (XeroCallGuard.CallsSuspended e) {
            lastProblem = e.getMessage();
            queue.release(ids, e.until(), claimant, e.getMessage());
        } catch (XeroCallException e) {
            failed(batch, ids, e);
        } catch (RuntimeException e) {
            log.error("Xero payment call {} failed", batch.key(), e);
            queue.markRetry(ids, "unexpected: " + e, delay(batch, null), claimant);
        }
    }

    private void failed(PaymentBatches.Batch batch, List<Long> ids, XeroCallException e) {
        String error =
                e.getMessage() + (e.mayHaveWritten() ? " (may have reached Xero; retried under the same key)" : "");
        if (e.rateLimited()) {
            Instant until = Instant.now().plus(e.retryAfter());
            guard.pauseUntil(until, e.getMessage());
            queue.release(ids, until, claimant, error);
        } else if (!e.retryable() && batch.payments().size() > 1) {
            queue.splitIntoSolo(ids, e.getMessage(), claimant);
        } else if (!e.retryable() || batch.payments().get(0).attempts() + 1 >= properties.maxAttempts()) {
            log.warn("Xero payment call {} dead: {}", batch.key(), e.getMessage());
            queue.markDead(ids, error, e.mayHaveWritten(), claimant);
        } else {
            if (e.status() == 401 || e.status() == 403) {
                lastProblem = e.getMessage();
            }
            log.warn("Xero payment call {} failed ({}), retrying", batch.key(), e.getMessage());
            queue.markRetry(ids, error, delay(batch, e.retryAfter()), claimant);
        }
    }

    /** Per payment: Xero's elements come back in the order they were sent. */
    private void settle(List<QueuedPayment> payments, Payments result) {
        List<Payment> answers = result == null || result.getPayments() == null ? List.of() : result.getPayments();
        for (int i = 0; i < payments.size(); i++) {
            QueuedPayment payment = payments.get(i);
            Payment answer = i < answers.size() ? answers.get(i) : null;
            if (answer == null) {
                queue.markRetry(
                        List.of(payment.id()),
                        "Xero's answer had no element for this payment",
                        delay(payment.attempts(), null),
                        claimant);
            } else if (hasErrors(answer)) {
                queue.markDead(List.of(payment.id()), "Xero refused the payment: " + errors(answer), false, claimant);
            } else {
                queue.markSent(
                        payment.id(),
                        answer.getPaymentID() == null
                                ? null
                                : answer.getPaymentID().toString(),
                        claimant);
            }
        }
    }

    private Payments request(List<QueuedPayment> payments) {
        Payments request = new Payments();
        for (QueuedPayment queued : payments) {
            Payment payment = new Payment()
                    .invoice(new Invoice().invoiceID(UUID.fromString(queued.invoiceId())))
                    .account(new Account().code(properties.paymentAccountCode()))
                    .amount(queued.amount().doubleValue())
                    .reference(reference(queued));
            // the SDK's LocalDate setter writes Xero's /Date(ms+0000)/ form; a plain ISO string fails its
            // own serialiser (getDateAsDate expects the /Date()/ form)
            payment.setDate(org.threeten.bp.LocalDate.of(
                    queued.paidOn().getYear(),
                    queued.paidOn().getMonthValue(),
                    queued.paidOn().getDayOfMonth()));
            request.addPaymentsItem(payment);
        }
        return request;
    }

    private static String reference(QueuedPayment payment) {
        String reference = payment.bankReference() == null ? "" : payment.bankReference();
        if (payment.recordId() != null) {
            reference = reference.isEmpty() ? payment.recordId() : reference + " " + payment.recordId();
        }
        return reference.length() > 255 ? reference.substring(0, 255) : reference;
    }

    private static boolean hasErrors(Payment answer) {
        return "ERROR".equalsIgnoreCase(answer.getStatusAttributeString())
                || Boolean.TRUE.equals(answer.getHasValidationErrors())
                || (answer.getValidationErrors() != null
                        && !answer.getValidationErrors().isEmpty());
    }

    private static String errors(Payment answer) {
        if (answer.getValidationErrors() == null || answer.getValidationErrors().isEmpty()) {
            return "no message";
        }
        return answer.getValidationErrors().stream()
                .map(ValidationError::getMessage)
                .collect(Collectors.joining("; "));
    }

    private Duration delay(PaymentBatches.Batch batch, Duration retryAfter) {
        return delay(batch.payments().get(0).attempts(), retryAfter);
    }

    /** Doubling from {@code base-backoff}, half fixed and half random, never under a Retry-After. */
    private Duration delay(int attempts, Duration retryAfter) {
        long cap = properties.maxBackoff().toMillis();
        long exponential = Math.min(cap, properties.baseBackoff().toMillis() << Math.min(attempts, 30));
        long delay = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        if (retryAfter != null) {
            delay = Math.max(delay, retryAfter.toMillis());
        }
        return Duration.ofMillis(delay);
    }

    private static List<Long> ids(List<QueuedPayment> payments) {
        return payments.stream().map(QueuedPayment::id).toList();
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
