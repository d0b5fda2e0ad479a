package io.chatbridge.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;

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
 */
public record OpenInvoice(
        String invoiceId,
        String invoiceNumber,
        String contactName,
        String contactPhone,
        BigDecimal amountDue,
        String currency,
        LocalDate dueDate,
        String reference) {}
