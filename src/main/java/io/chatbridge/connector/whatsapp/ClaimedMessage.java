package io.chatbridge.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;

/** An outbound message claimed by one sender under a lease. */
record ClaimedMessage(
        long id,
        String idempotencyKey,
        String purpose,
        String phoneNumberId,
        String recipient,
        String conversationId,
        Long recordId,
        String detail,
        String body,
        JsonNode template,
        int attempts,
        boolean leaseExpired,
        java.time.Instant uncertainSince) {

    /** Its last sender may have called the API and crashed before it could record the answer. */
    boolean uncertain() {
        return leaseExpired || uncertainSince != null;
    }
}
