package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A customer's message as normalised from a webhook: who wrote to which business number, when, and
 * the text extraction will read (a body, a caption, a button title, a location's name…).
 */
public record InboundMessage(
        String externalId,
        String phoneNumberId,
        String displayPhoneNumber,
        String customerWaId,
        String customerName,
        String type,
        String text,
        JsonNode media,
        JsonNode context,
        Instant sentAt,
        JsonNode payload) {

    public String conversationId() {
        return phoneNumberId + ":" + customerWaId;
    }
}
