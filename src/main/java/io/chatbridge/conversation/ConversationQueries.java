package io.chatbridge.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read side of conversations for the API. */
@Service
public class ConversationQueries {

    private final JdbcClient jdbc;

    ConversationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(String conversationId) {
        return jdbc.sql("select exists(select 1 from conversation where id = ?)")
                .param(conversationId)
                .query(Boolean.class)
                .single();
    }

    /**
     * When the customer last wrote in a conversation: the 24-hour customer-service window, inside which
     * free-form text may be sent, runs from here. Empty when the customer never wrote.
     */
    public java.util.Optional<Instant> lastCustomerMessageAt(String conversationId) {
        return jdbc.sql("select max(sent_at) from message where conversation_id = ? and direction = 'in'")
                .param(conversationId)
                .query((rs, n) ->
                        java.util.Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    /** The customer's latest texts in a conversation, oldest first (to tell which language they write in). */
    public List<String> recentCustomerTexts(String conversationId, int limit) {
        List<String> texts = new java.util.ArrayList<>(jdbc.sql(
                        """
                        select text from message where conversation_id = ? and direction = 'in' and text is not null
                        order by sent_at desc, id desc limit ?""")
                .params(conversationId, limit)
                .query(String.class)
                .list());
        java.util.Collections.reverse(texts);
        return texts;
    }

    public List<MessageView> messages(String conversationId, int limit) {
        return jdbc.sql(
                        """
                        select m.external_id, m.direction, m.sender_name, m.type, m.text, m.sent_at, m.delivery_state,
                            m.extracted or coalesce((m.sent_at, m.id) <= (c.extracted_until, c.extracted_until_id), false)
                                as extracted
                        from message m join conversation c on c.id = m.conversation_id
                        where m.conversation_id = ? order by m.sent_at, m.id limit ?""")
                .params(conversationId, limit)
                .query((rs, n) -> new MessageView(
                        rs.getString("external_id"),
                        rs.getString("direction"),
                        rs.getString("sender_name"),
                        rs.getString("type"),
                        rs.getString("text"),
                        rs.getTimestamp("sent_at").toInstant(),
                        rs.getString("delivery_state"),
                        rs.getBoolean("extracted")))
                .list();
    }

    public record MessageView(
            String id,
            String direction,
            String senderName,
            String type,
            String text,
            Instant sentAt,
            String deliveryState,
            boolean extracted) {}
}
