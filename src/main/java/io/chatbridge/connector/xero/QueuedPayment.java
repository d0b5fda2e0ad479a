package io.chatbridge.connector.xero;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A claimed payment, with the call it is fixed to travel in (if any). */
record QueuedPayment(
        long id,
        String idempotencyKey,
        String invoiceId,
        String invoiceNumber,
        BigDecimal amount,
        LocalDate paidOn,
        String bankReference,
        String recordId,
        String batchKey,
        int batchSize,
        boolean solo,
        int attempts) {}
