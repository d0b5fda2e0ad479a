package io.chatbridge.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A bank entry was matched to an invoice, automatically above the configured score or approved by a
 * person in the finance queue. Published inside the transaction that stores the decision, so a
 * listener that writes (the Xero payment outbox) commits with it or not at all; listeners must be
 * synchronous and must not call remote systems.
 *
 * @param matchId the reconciliation match's id; stable, so it keys the payment's idempotency
 * @param invoiceSource the {@link OpenInvoices#source()} the invoice came from ({@code xero})
 * @param invoiceId the source's invoice id
 * @param invoiceNumber the invoice number
 * @param amount the amount applied to this invoice (part of a bank entry when it paid several)
 * @param currency ISO 4217 code
 * @param paidOn the bank's booking date
 * @param bankReference the bank's reference for the entry, for the payment's reference
 * @param recordId the payment record's human id ({@code PY-0007}) when a chat claim matched, or null
 */
public record PaymentMatched(
        long matchId,
        String invoiceSource,
        String invoiceId,
        String invoiceNumber,
        BigDecimal amount,
        String currency,
        LocalDate paidOn,
        String bankReference,
        String recordId) {

    /** The key that makes a retried payment a no-op at the books ({@code Idempotency-Key}). */
    public String idempotencyKey() {
        return "chatbridge-match-" + matchId + "-" + invoiceId;
    }
}
