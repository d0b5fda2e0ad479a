package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A sent/delivered/read/failed receipt for one of our outbound messages; never enters extraction. */
public record StatusUpdate(
        String messageExternalId,
        String status,
        Instant occurredAt,
        String recipientId,
        JsonNode errors,
        JsonNode payload) {}
