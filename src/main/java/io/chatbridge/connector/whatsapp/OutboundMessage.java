package io.chatbridge.connector.whatsapp;

import java.time.Instant;

/**
 * An outbound message as admins see it: what it says, where it is, and what went wrong if anything.
 *
 * @param state {@code pending}, {@code in_flight}, {@code accepted} (the API took it), {@code sent},
 *     {@code delivered}, {@code read}, {@code failed} (a status said so), {@code dead} (we gave up),
 *     {@code not_sent} (sending is off), {@code skipped} (no longer wanted)
 */
public record OutboundMessage(
        long id,
        String idempotencyKey,
        String purpose,
        String phoneNumberId,
        String recipient,
        String conversationId,
        Long recordId,
        String detail,
        String body,
        String template,
        String state,
        String sentAs,
        int attempts,
        Instant nextAttemptAt,
        String wamid,
        Integer errorCode,
        String lastError,
        Instant createdAt,
        Instant sentAt) {}
