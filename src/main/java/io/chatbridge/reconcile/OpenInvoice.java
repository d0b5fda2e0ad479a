package io.chatbridge.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * An invoice that still waits for money, from the books (Xero) or from records.
 *
 * @param invoiceId the source's id (Xero's InvoiceID, or a record's human id)
 * @param invoiceNumber what customers quote ({@code INV-2041})
 * @param contactName who owes it, for name similarity
 * @param contactPhone E.164 phone of the contact when known, or null
 * @param amountDue what is still open, in {@code currency}
 * @param currency ISO 4217 code
 * @param dueDate when it falls due, or null
 * @param reference the invoice's own reference text, or null
 * @param settledMatches our reconciliation matches whose payments {@code amountDue} already reflects
 *     (the books list them on the invoice); what the other matches put on it is still to be taken off
 */
public record OpenInvoice(
        String invoiceId,
        String invoiceNumber,
        String contactName,
        String contactPhone,
        BigDecimal amountDue,
        String currency,
        LocalDate dueDate,
        String reference,
        Set<Long> settledMatches) {

    public OpenInvoice {
        settledMatches = settledMatches == null ? Set.of() : Set.copyOf(settledMatches);
    }

    /** An invoice whose source reflects none of our payments (records, or nothing paid yet). */
    public OpenInvoice(
            String invoiceId,
            String invoiceNumber,
            String contactName,
            String contactPhone,
            BigDecimal amountDue,
            String currency,
            LocalDate dueDate,
            String reference) {
        this(invoiceId, invoiceNumber, contactName, contactPhone, amountDue, currency, dueDate, reference, Set.of());
    }

    /** The same invoice with {@code amountDue} replaced. */
    public OpenInvoice withAmountDue(BigDecimal due) {
        return new OpenInvoice(
                invoiceId, invoiceNumber, contactName, contactPhone, due, currency, dueDate, reference, settledMatches);
    }

    /** The same invoice, knowing which of our matches the books already count. */
    public OpenInvoice withSettledMatches(Set<Long> settled) {
        return new OpenInvoice(
                invoiceId, invoiceNumber, contactName, contactPhone, amountDue, currency, dueDate, reference, settled);
    }
}
