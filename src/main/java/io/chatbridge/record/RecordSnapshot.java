package io.chatbridge.record;

import java.time.Instant;
import java.util.Map;

/**
 * A record at one version, as sinks receive it. Sinks write it as an idempotent upsert keyed by
 * {@link #humanId()}, so delivering the same snapshot twice changes nothing.
 */
public record RecordSnapshot(
        long id,
        String humanId,
        String type,
        int version,
        String status,
        boolean complete,
        Map<String, Object> fields,
        String customerPhone,
        String conversationId,
        Instant createdAt,
        Instant updatedAt) {}
