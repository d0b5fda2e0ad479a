package io.chatbridge.connector.whatsapp;

import java.time.Instant;

/**
 * A message an automation wants sent. Nothing is sent here: the request becomes an
 * {@code outbound_message} row in the caller's transaction, and the sender delivers it later.
 *
 * @param idempotencyKey the same key twice is the same message ({@code confirmation:BK-0042:3})
 * @param purpose {@code confirmation}, {@code followup}, {@code reminder}, {@code autoreply}, {@code digest}
 * @param phoneNumberId the business number that sends it
 * @param recipient E.164 with {@code +}
 * @param conversationId the conversation it belongs to, or null
 * @param recordId the record it is about, or null
 * @param detail what else identifies it (the field asked for, the reminder offset), or null
 * @param language the language it is written in
 * @param body text sent inside the 24-hour window, or null when only a template will do
 * @param template sent outside the window or when WhatsApp says the window closed, or null
 * @param notBefore not sent before this instant
 */
public record OutboundRequest(
        String idempotencyKey,
        String purpose,
        String phoneNumberId,
        String recipient,
        String conversationId,
        Long recordId,
        String detail,
        String language,
        String body,
        TemplateMessage template,
        Instant notBefore) {

    public OutboundRequest {
        if (body == null && template == null) {
            throw new IllegalArgumentException("A message needs a text body or a template: " + idempotencyKey);
        }
    }
}
