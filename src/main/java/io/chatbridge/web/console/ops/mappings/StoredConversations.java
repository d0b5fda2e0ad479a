package io.chatbridge.web.console.ops.mappings;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a past conversation for the playground, by its id or the customer's number (their newest
 * conversation), as extraction would see it: the latest messages, oldest first. Reads only.
 */
@Component
class StoredConversations {

    static final int MAX_MESSAGES = 200;

    private final JdbcClient jdbc;

    StoredConversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param idOrPhone a conversation id ({@code <number id>:<wa_id>}) or a phone number in any format */
    Optional<ConversationWindow> find(String idOrPhone) {
        String key = idOrPhone == null ? "" : idOrPhone.strip();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String digits = key.replaceAll("\\D", "");
        return jdbc.sql(
                        """
                        select id, phone_number_id, customer_wa_id from conversation
                        where id = ? or (? <> '' and customer_wa_id = ?)
                        order by (id = ?) desc, last_message_at desc nulls last limit 1""")
                .params(key, digits, digits, key)
                .query((rs, n) -> new Conversation(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional()
                .map(c -> new ConversationWindow(c.id(), c.phoneNumberId(), phone(c.waId()), messages(c.id())));
    }

    private List<ChatMessage> messages(String conversationId) {
        List<ChatMessage> messages = new ArrayList<>(jdbc.sql(
                        """
                        select external_id, direction, sender_name, type, text, sent_at from message
                        where conversation_id = ? order by sent_at desc, id desc limit ?""")
                .params(conversationId, MAX_MESSAGES)
                .query((rs, n) -> new ChatMessage(
                        rs.getString("external_id"),
                        "out".equals(rs.getString("direction")),
                        rs.getString("sender_name"),
                        rs.getTimestamp("sent_at").toInstant(),
                        rs.getString("type"),
                        rs.getString("text") == null ? "" : rs.getString("text")))
                .list());
        Collections.reverse(messages);
        return messages;
    }

    private record Conversation(String id, String phoneNumberId, String waId) {}

    /** A WhatsApp id is the number's digits; an export author without a number has none. */
    private static String phone(String waId) {
        return !waId.isEmpty() && waId.chars().allMatch(Character::isDigit) ? "+" + waId : null;
    }
}
