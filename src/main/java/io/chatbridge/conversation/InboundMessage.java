package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A message as normalised from a channel: who wrote to which business number, when, and the text
 * extraction will read (a body, a caption, a button title, a location's name…). Webhook messages are
 * always the customer's ({@code in}); an imported chat export also carries the business's side
 * ({@code out}), written by {@code senderName}.
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
        JsonNode payload,
        String direction,
        String senderName) {

    /** A customer's message from a webhook: inbound, written by the customer. */
    public InboundMessage(
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
        this(
                externalId,
                phoneNumberId,
                displayPhoneNumber,
                customerWaId,
                customerName,
                type,
                text,
                media,
                context,
                sentAt,
                payload,
                "in",
                customerName);
    }

    public String conversationId() {
        return phoneNumberId + ":" + customerWaId;
    }

    boolean outbound() {
        return "out".equals(direction);
    }
}
