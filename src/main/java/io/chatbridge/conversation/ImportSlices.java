package io.chatbridge.conversation;

import io.chatbridge.conversation.ConversationExtraction.StoredMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * Reads what an import pass extracts of a conversation: its oldest unextracted messages (up to a limit)
 * and the window they are read in, in one streamed query that stops at the slice's end. Reading them in
 * two (the new messages, then the window again, which holds them) read every imported message twice.
 */
final class ImportSlices {

    /**
     * A conversation's new messages, oldest first, and every message of their window.
     *
     * @param live whether the slice stops before a message that came through the webhook: that one, and
     *     what follows it, are the live pass's (a question about what the customer just asked must go out)
     * @param full whether the slice stopped at its limit (messages or characters): more may follow
     */
    record Slice(List<StoredMessage> fresh, List<StoredMessage> window, boolean live, boolean full) {}

    /**
     * Characters of text a slice holds at most (its window with it), whatever its count: 20,000 messages of
     * WhatsApp's longest (65,536 characters) held 2.6 GB. A chat's messages are short: this never ends a
     * slice of one before its count does.
     */
    static final int MAX_CHARS = 4_000_000;

    /** Extracted: flagged, or at or before the conversation's mark ({@link ExtractionWatermark}). */
    private static final String SLICE =
            """
            select id, conversation_id, external_id, direction, sender_name, type, text, sent_at, channel,
                extracted or (sent_at, id) <= (?, ?) as extracted
            from message
            where conversation_id = ? and sent_at >= (
                select min(sent_at) from message where conversation_id = ? and not extracted
                    and sent_at >= ? and (sent_at, id) > (?, ?)) - ? * interval '1 second'
            order by sent_at, id""";

    private final JdbcTemplate streaming;
    private final Duration window;
    private final int maxChars;

    ImportSlices(DataSource dataSource, Duration window) {
        this(dataSource, window, MAX_CHARS);
    }

    ImportSlices(DataSource dataSource, Duration window, int maxChars) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(2000); // a cursor inside the transaction: memory holds the slice only
        this.window = window;
        this.maxChars = maxChars;
    }

    /**
     * The same messages as a query for the first {@code maxFresh} unextracted ones plus one for every
     * message from the oldest of them minus the window up to the newest of them.
     *
     * @param mark the conversation's watermark, read in the same transaction
     */
    Slice read(String conversationId, ExtractionWatermark.Mark mark, int maxFresh) {
        ResultSetExtractor<Slice> slice = rs -> collect(rs, maxFresh, maxChars);
        return streaming.query(
                SLICE,
                slice,
                mark.sentAt(),
                mark.messageId(),
                conversationId,
                conversationId,
                mark.sentAt(),
                mark.sentAt(),
                mark.messageId(),
                window.toSeconds());
    }

    private static Slice collect(ResultSet rs, int maxFresh, int maxChars) throws SQLException {
        List<StoredMessage> fresh = new ArrayList<>();
        List<StoredMessage> window = new ArrayList<>();
        boolean live = false;
        boolean full = false;
        long chars = 0;
        while (rs.next()) {
            StoredMessage message = StoredMessage.read(rs, 0);
            if (full && message.sentAt().isAfter(last(fresh).sentAt())) {
                break; // later ones belong to the next slice
            }
            boolean extracted = rs.getBoolean("extracted");
            if (!extracted && !ExportChunk.CHANNEL.equals(rs.getString("channel"))) {
                live = true; // a webhook's message: the import's pass reads only up to it
                break;
            }
            window.add(message);
            chars += message.text() == null ? 0 : message.text().length();
            if (!extracted && !full) {
                fresh.add(message);
                full = fresh.size() == maxFresh || chars >= maxChars;
            }
        }
        if (fresh.isEmpty()) {
            return new Slice(List.of(), List.of(), live, false);
        }
        while (last(window).sentAt().isAfter(last(fresh).sentAt())) {
            window.remove(window.size() - 1);
        }
        return new Slice(fresh, window, live, full);
    }

    private static StoredMessage last(List<StoredMessage> messages) {
        return messages.get(messages.size() - 1);
    }
}
