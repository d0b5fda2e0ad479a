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
        int attempts,
        int replays) {

    /** The key this payment travels under alone: its match's, plus the replay count after refusals. */
    String soloKey() {
        return replays == 0 ? idempotencyKey : idempotencyKey + "-replay-" + replays;
    }
}
