package io.chatbridge.importer;

import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.SameMessage;
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
 * that is the same as {@link SameMessage} compares them, sent in the same minute (an export's clock shows minutes); failing that, in
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

    /** What is compared: the conversation, and the message as {@link SameMessage} sees it. */
    private record Key(String conversation, SameMessage said) {}

    private record Stored(long id, long minute) {}

    /** A message of the file as it is looked for: its key and its minute, read once. */
    private record Wanted(ExportChunk.Message message, Key key, long minute) {}

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
        List<Wanted> wanted = new ArrayList<>(messages.size());
        for (ExportChunk.Message message : messages) {
            wanted.add(new Wanted(
                    message,
                    new Key(
                            ChunkStore.conversation(message),
                            new SameMessage(message.direction(), message.media() != null, message.text())),
                    SameMessage.minute(Instant.parse(message.sentAt()).toEpochMilli())));
        }
        Map<Key, List<Stored>> stored = stored(wanted);
        if (stored.isEmpty()) {
            return Set.of();
        }
        Set<String> twins = new HashSet<>();
        List<Wanted> unmatched = new ArrayList<>();
        for (Wanted message : wanted) {
            if (!match(stored, message, 0, twins)) {
                unmatched.add(message);
            }
        }
        for (Wanted message : unmatched) {
            match(stored, message, 1, twins);
        }
        found.addAndGet(twins.size());
        return twins;
    }

    private boolean match(Map<Key, List<Stored>> stored, Wanted message, int slack, Set<String> twins) {
        List<Stored> candidates = stored.get(message.key());
        if (candidates == null) {
            return false;
        }
        for (Stored candidate : candidates) {
            if (Math.abs(candidate.minute() - message.minute()) <= slack && taken.add(candidate.id())) {
                twins.add(message.message().id());
                return true;
            }
        }
        return false;
    }

    /**
     * The conversations' messages from elsewhere sent from a minute before the chunk's first to a minute
     * after its last, by what is compared (on {@code message (conversation_id, sent_at)}).
     */
    private Map<Key, List<Stored>> stored(List<Wanted> wanted) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Set<String> conversations = new HashSet<>();
        for (Wanted message : wanted) {
            first = Math.min(first, message.minute());
            last = Math.max(last, message.minute());
            conversations.add(message.key().conversation());
        }
        Map<Key, List<Stored>> stored = new HashMap<>();
        jdbc.sql(
                        """
                        select id, conversation_id, sent_at, direction, media is not null as media, text from message
                        where conversation_id = any(?) and sent_at >= ? and sent_at < ?
                            and channel <> ? and type <> 'reaction'
                        order by sent_at, id""")
                .params(
                        conversations.toArray(String[]::new),
                        SameMessage.since(first),
                        SameMessage.until(last),
                        ExportChunk.CHANNEL)
                .query(rs -> {
                    Key key = new Key(
                            rs.getString("conversation_id"),
                            new SameMessage(rs.getString("direction"), rs.getBoolean("media"), rs.getString("text")));
                    long minute = SameMessage.minute(rs.getTimestamp("sent_at").getTime());
                    stored.computeIfAbsent(key, k -> new ArrayList<>()).add(new Stored(rs.getLong("id"), minute));
                });
        return stored;
    }
}
