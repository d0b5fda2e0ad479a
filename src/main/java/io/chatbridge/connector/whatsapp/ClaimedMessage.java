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
        boolean leaseExpired) {}
