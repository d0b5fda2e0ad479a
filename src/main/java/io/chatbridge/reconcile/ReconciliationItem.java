package io.chatbridge.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of the finance queue and the report: a decision about a bank entry, a bank entry nobody
 * claimed, or a claim the bank has not shown.
 *
 * @param state {@code matched}, {@code review}, {@code amount_differs}, {@code rejected},
 *     {@code unclaimed} (in bank, no decision) or {@code claimed_not_in_bank}
 * @param matchId the decision's id (approve/reject use it), or null
 * @param screenshots the claim's screenshots (media references, see {@link ClaimScreenshots})
 */
public record ReconciliationItem(
        String state,
        Long matchId,
        Boolean automatic,
        BigDecimal score,
        String rule,
        String explanation,
        String decidedBy,
        Instant decidedAt,
        Entry entry,
        ClaimView claim,
        List<InvoicePart> invoices,
        List<Screenshot> screenshots) {

    /** The bank side. */
    public record Entry(
            long id,
            LocalDate bookedOn,
            BigDecimal amount,
            String currency,
            String counterparty,
            String remittance,
            String bankReference) {}

    /** The customer's side. */
    public record ClaimView(String recordId, BigDecimal amount, String currency, String reference, LocalDate paidOn) {}

    /** A picture or document the customer sent with the claim: where to fetch it, and which message it came in. */
    public record Screenshot(String messageId, String mediaId, String mimeType, String sha256, Instant sentAt) {}

    /** An invoice the entry pays and how much of it. */
    public record InvoicePart(
            String source, String invoiceId, String invoiceNumber, String contactName, BigDecimal amount) {}
}
