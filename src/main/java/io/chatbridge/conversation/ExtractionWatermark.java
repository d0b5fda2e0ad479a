package io.chatbridge.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far extraction has read a conversation, as one mark on its row (V97): every message sorting at or
 * before {@code (extracted_until, extracted_until_id)} counts as extracted, as if its flag were set. An
 * import marks its slices so, rather than updating each of its messages (a second write of every imported
 * row); the webhook path keeps setting flags. A message stored later that sorts before the mark would be
 * taken for extracted and never read: {@link #storedBefore} turns the mark back into flags first.
 */
final class ExtractionWatermark {

    /** Before any message: a conversation with no mark compares against this. */
    static final Mark NONE = new Mark(Timestamp.valueOf(LocalDateTime.of(1, 1, 1, 0, 0)), 0);

    /** The last message read, by sent_at, then id (the order extraction reads in). */
    record Mark(Timestamp sentAt, long messageId) {}

    private final JdbcClient jdbc;

    ExtractionWatermark(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Mark of(String conversationId) {
        return jdbc.sql(
                        """
                        select extracted_until, extracted_until_id from conversation
                        where id = ? and extracted_until is not null""")
                .param(conversationId)
                .query((rs, n) -> new Mark(rs.getTimestamp(1), rs.getLong(2)))
                .optional()
                .orElse(NONE);
    }

    /** Moves each conversation's mark forward to its last extracted message (never back). */
    void advance(Map<String, Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(marks.keySet());
        jdbc.sql(
                        """
                        update conversation c set extracted_until = m.sent_at, extracted_until_id = m.message_id
                        from unnest(?::text[], ?::timestamptz[], ?::bigint[]) as m(id, sent_at, message_id)
                        where c.id = m.id and (c.extracted_until is null
                            or (m.sent_at, m.message_id) > (c.extracted_until, c.extracted_until_id))""")
                .params(
                        ids.toArray(String[]::new),
                        ids.stream().map(id -> marks.get(id).sentAt()).toArray(Timestamp[]::new),
                        ids.stream().map(id -> marks.get(id).messageId()).toArray(Long[]::new))
                .update();
    }

    /**
     * Called after new messages are stored, in the transaction that stored them (which holds their
     * conversations' rows): a conversation whose mark lies after one of its new messages gets the flag
     * set on every older message the mark covered, and loses the mark, so that the new message is read
     * (with its window) and the others are not read again, as with flags alone. A new message at the
     * mark's very time sorts after it (its id is larger), so only an earlier time is late.
     */
    void storedBefore(String channel, List<InboundMessage> stored) {
        if (stored.isEmpty()) {
            return;
        }
        Map<String, Instant> oldest = new HashMap<>();
        stored.forEach(m -> oldest.merge(m.conversationId(), m.sentAt(), (a, b) -> a.isBefore(b) ? a : b));
        Map<String, Instant> marked = new HashMap<>();
        jdbc.sql("select id, extracted_until from conversation where id = any(?) and extracted_until is not null")
                .param(oldest.keySet().toArray(String[]::new))
                .query(rs -> {
                    marked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        String[] late = marked.entrySet().stream()
                .filter(e -> oldest.get(e.getKey()).isBefore(e.getValue()))
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
        if (late.length > 0) {
            unmark(
                    late,
                    channel,
                    stored.stream().map(InboundMessage::externalId).toArray(String[]::new));
        }
    }

    private void unmark(String[] conversations, String channel, String[] stored) {
        jdbc.sql(
                        """
                        update message m set extracted = true from conversation c
                        where c.id = any(?) and m.conversation_id = c.id and not m.extracted
                            and m.sent_at <= c.extracted_until
                            and (m.sent_at, m.id) <= (c.extracted_until, c.extracted_until_id)
                            and not (m.channel = ? and m.external_id = any(?))""")
                .params(conversations, channel, stored)
                .update();
        jdbc.sql(
                        """
                        update conversation set extracted_until = null, extracted_until_id = null
                        where id = any(?)""")
                .param(conversations)
                .update();
    }
}
