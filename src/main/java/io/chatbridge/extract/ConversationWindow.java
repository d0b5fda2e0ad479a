package io.chatbridge.extract;

import java.util.List;

/**
 * The messages of one conversation that extraction may look at, oldest first.
 *
 * @param conversationId stable id of the conversation (business phone number id + customer wa_id)
 * @param phoneNumberId the business number the customer wrote to; selects the business settings
 *     (zone, locale, currency, languages) from {@code mappings/business.yaml}
 * @param customerPhone the customer's number in E.164 ({@code +4477…}), or null when unknown
 * @param messages messages inside the window, in time order
 */
public record ConversationWindow(
        String conversationId, String phoneNumberId, String customerPhone, List<ChatMessage> messages) {

    public ConversationWindow {
        messages = List.copyOf(messages);
    }
}
