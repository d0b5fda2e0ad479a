package io.chatbridge.connector.hubspot;

import io.chatbridge.record.RecordSnapshot;
import java.util.Optional;

/**
 * The customer's WhatsApp id, which identifies their HubSpot contact: the customer half of the
 * conversation id ({@code <phone_number_id>:<wa_id>}), else the digits of the customer's phone (a record
 * typed in by staff).
 */
final class WhatsAppIds {

    private WhatsAppIds() {}

    static Optional<String> of(RecordSnapshot record) {
        String conversation = record.conversationId();
        if (conversation != null && conversation.indexOf(':') > 0) {
            String waId = conversation.substring(conversation.indexOf(':') + 1);
            if (!waId.isBlank()) {
                return Optional.of(waId);
            }
        }
        for (Object phone :
                new Object[] {record.customerPhone(), record.fields().get("phone")}) {
            String digits = phone == null ? "" : phone.toString().replaceAll("[^0-9]", "");
            if (digits.length() >= 6) {
                return Optional.of(digits);
            }
        }
        return Optional.empty();
    }
}
