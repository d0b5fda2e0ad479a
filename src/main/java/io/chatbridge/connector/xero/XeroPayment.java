package io.chatbridge.connector.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment queued for Xero, as the admin API shows it.
 *
 * @param state {@code pending}, {@code in_flight}, {@code sent} or {@code dead}
 * @param lastError why the last try failed (for a dead one: why it will not be tried again)
 * @param xeroPaymentId Xero's PaymentID once sent
 */
public record XeroPayment(
        long id,
        long matchId,
        String idempotencyKey,
        String invoiceId,
        String invoiceNumber,
        BigDecimal amount,
        String currency,
        LocalDate paidOn,
        String bankReference,
        String recordId,
        String state,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        String xeroPaymentId,
        Instant createdAt,
        Instant sentAt) {}
