package io.chatbridge.common;

/**
 * Masks personal data before it reaches a log line: phone numbers keep their first three and last
 * two digits ({@code 165*******34}), so an operator can still tell two customers apart.
 */
public final class Pii {

    private Pii() {}

    public static String maskPhone(String phone) {
        if (phone == null) {
            return "null";
        }
        if (phone.length() <= 5) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    /** A conversation id is {@code <phone_number_id>:<wa_id>}; the customer part is masked. */
    public static String maskConversation(String conversationId) {
        if (conversationId == null) {
            return "null";
        }
        int colon = conversationId.lastIndexOf(':');
        return colon < 0
                ? maskPhone(conversationId)
                : conversationId.substring(0, colon + 1) + maskPhone(conversationId.substring(colon + 1));
    }
}
