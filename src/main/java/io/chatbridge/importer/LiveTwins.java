package io.chatbridge.importer;

import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.ExportTwins;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the messages of an export that reached chatbridge another way first: by webhook, or sent by
 * chatbridge itself. A number on the Cloud API and the WhatsApp Business app at once (Meta's
 * "coexistence") gets each customer message by webhook as it arrives, and again in the chat's export
 * later, with the business's messages sent through the API. An export carries no wamid, so its copy has
 * an id of its own and the unique key of {@code message} cannot tell that the two are one message: the
 * copy was stored a second time, and extraction started a second booking on it.
 *
 * <p>A message of the export is such a twin when its conversation holds a message not from an export
 * with the same side, whether it is media, and the same text or caption (as {@link ExportTwins#plain}
 * compares it), sent in the same minute (an export's clock shows minutes); failing that, in
 * the minute before or after (a message sent at 18:04:59 can show as 18:05). Each stored message stands
 * for one message of the file: three "ok" in one minute against two stored leave one to import.
 * Reactions are not looked at: an export does not show them. One instance per file, used by its writer
 * threads, each with its own conversations.
 */
final class LiveTwins {

    private final JdbcClient jdbc;
    /** Stored messages that stand for a message of this file already. */
    private final Set<Long> taken = ConcurrentHashMap.newKeySet();

    private final AtomicLong found = new AtomicLong();

    LiveTwins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What is compared: the conversation, the side, media or not, the text as {@link ExportTwins#plain} gives it. */
    private record Key(String conversation, String direction, boolean media, String text) {}

    private record Stored(long id, long minute) {}

    /** Messages of this file found stored already, so far. */
    long found() {
        return found.get();
    }

    /**
     * @param messages messages of one chunk, in file order, not stored before under their own ids, whose
     *     conversations may hold messages from elsewhere
     * @return the ids of those a stored message stands for
     */
    Set<String> in(List<ExportChunk.Message> messages) {
        if (messages.isEmpty()) {
            return Set.of();
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Set<String> conversations = new HashSet<>();
        for (ExportChunk.Message message : messages) {
            long second = Instant.parse(message.sentAt()).getEpochSecond();
            first = Math.min(first, second);
            last = Math.max(last, second);
            conversations.add(ChunkStore.conversation(message));
        }
        Map<Key, List<Stored>> stored = stored(conversations, first, last);
        if (stored.isEmpty()) {
            return Set.of();
        }
        Set<String> twins = new HashSet<>();
        List<ExportChunk.Message> unmatched = new ArrayList<>();
        for (ExportChunk.Message message : messages) {
            if (!match(stored, message, 0, twins)) {
                unmatched.add(message);
            }
        }
        for (ExportChunk.Message message : unmatched) {
            match(stored, message, 1, twins);
        }
        found.addAndGet(twins.size());
        return twins;
    }

    private boolean match(Map<Key, List<Stored>> stored, ExportChunk.Message message, int slack, Set<String> twins) {
        List<Stored> candidates = stored.get(keyOf(message));
        if (candidates == null) {
            return false;
        }
        long minute = Math.floorDiv(Instant.parse(message.sentAt()).getEpochSecond(), 60);
        for (Stored candidate : candidates) {
            if (Math.abs(candidate.minute() - minute) <= slack && taken.add(candidate.id())) {
                twins.add(message.id());
                return true;
            }
        }
        return false;
    }

    /**
     * The conversations' messages from elsewhere sent from a minute before the chunk's first to a minute
     * after its last, by what is compared (on {@code message (conversation_id, sent_at)}).
     */
    private Map<Key, List<Stored>> stored(Set<String> conversations, long first, long last) {
        Map<Key, List<Stored>> stored = new HashMap<>();
        jdbc.sql(
                        """
                        select id, conversation_id, sent_at, direction, media is not null as media, text from message
                        where conversation_id = any(?) and sent_at >= ? and sent_at < ?
                            and channel <> ? and type <> 'reaction'
                        order by sent_at, id""")
                .params(
                        conversations.toArray(String[]::new),
                        Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(first, 60) * 60 - 60)),
                        Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(last, 60) * 60 + 120)),
                        ExportChunk.CHANNEL)
                .query(rs -> {
                    Key key = new Key(
                            rs.getString("conversation_id"),
                            rs.getString("direction"),
                            rs.getBoolean("media"),
                            ExportTwins.plain(rs.getString("text")));
                    long minute = Math.floorDiv(rs.getTimestamp("sent_at").getTime(), 60_000L);
                    stored.computeIfAbsent(key, k -> new ArrayList<>()).add(new Stored(rs.getLong("id"), minute));
                });
        return stored;
    }

    private static Key keyOf(ExportChunk.Message message) {
        return new Key(
                ChunkStore.conversation(message),
                message.direction(),
                message.media() != null,
                ExportTwins.plain(message.text()));
    }
}
