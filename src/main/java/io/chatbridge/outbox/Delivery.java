package io.chatbridge.outbox;

import java.time.Instant;

/** A delivery row as the API shows it. */
public record Delivery(
        long id,
        String sink,
        long recordId,
        String recordHumanId,
        int version,
        Integer deliveredVersion,
        String state,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant updatedAt) {}
