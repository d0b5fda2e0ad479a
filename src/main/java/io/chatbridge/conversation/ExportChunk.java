package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a chat-export import stores in the inbox (channel {@value #CHANNEL}): a few hundred messages already
 * placed in their conversations, as JSON. The normaliser turns it into messages like any webhook
 * payload, so imported history takes the same path to records as live messages.
 *
 * @param source the exported file the messages came from (a file name, no path)
 */
public record ExportChunk(int format, String source, List<Message> messages) {

    public static final String CHANNEL = "export";
    public static final int FORMAT = 1;

    /**
     * @param id stable over re-imports: a hash of conversation, local time, author, text and ordinal
     * @param phoneNumberId the business side of the conversation id (its phone_number_id, or its number)
     * @param customerId the customer side: their number's digits, or a key derived from their name
     * @param direction {@code in} for the customer, {@code out} for the business
     * @param sentAt UTC instant, ISO-8601
     * @param line the line of the export the message starts on
     */
    public record Message(
            String id,
            String phoneNumberId,
            String businessNumber,
            String customerId,
            String customerName,
            String direction,
            String author,
            String type,
            String text,
            JsonNode media,
            String sentAt,
            int line) {}
}
