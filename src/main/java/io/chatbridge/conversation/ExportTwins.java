package io.chatbridge.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the webhook messages that an import stored already from a chat's export, the other way round
 * from the importer's look-up ({@code io.chatbridge.importer.LiveTwins}). A number on the Cloud API and
 * the WhatsApp Business app at once (Meta's "coexistence") can have a chat exported and imported while
 * webhooks still wait to be delivered: Meta retries a failed delivery for days, and the command-line
 * import runs while the server (and so the webhook) is stopped. Stored, the late webhook's copy would be
 * the message a second time, and extraction would start a second booking on it.
 *
 * <p>A webhook message is such a twin when its conversation holds a message of an export not matched
 * before, with its side, media or not and text (as {@link #plain} compares it), sent in its minute, or
 * failing that the minute before or after. The export's row then notes the wamid ({@code received_as},
 * V103), so each row stands for one webhook message, and a repeated delivery of the same payload finds
 * its twin again. The payload stays in the inbox; the message is the export's row. One stored under its
 * own id already (an earlier delivery, before the import) is never a twin.
 */
public final class ExportTwins {

    /** An export does not show reactions: a reaction is never the twin of a message, whatever its emoji. */
    private static final String REACTION = "reaction";

    private final JdbcClient jdbc;

    ExportTwins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Key(String conversation, String direction, boolean media, String text) {}

    /** A message of an export near the payload's, and the wamid it stands for (null: none yet). */
    private static final class Exported {
        final long id;
        final Key key;
        final long minute;
        String receivedAs;

        Exported(long id, Key key, long minute, String receivedAs) {
            this.id = id;
            this.key = key;
            this.minute = minute;
            this.receivedAs = receivedAs;
        }
    }

    /**
     * The messages of a webhook payload that an import has not stored already, in their order; the
     * export's rows of the others are marked as standing for them.
     */
    List<InboundMessage> without(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Instant first = messages.get(0).sentAt();
        Instant last = first;
        Set<String> conversations = new HashSet<>();
        for (InboundMessage message : messages) {
            first = message.sentAt().isBefore(first) ? message.sentAt() : first;
            last = message.sentAt().isAfter(last) ? message.sentAt() : last;
            conversations.add(message.conversationId());
        }
        Set<String> stored = new HashSet<>();
        List<Exported> exported = new ArrayList<>();
        jdbc.sql(
                        """
                        select id, external_id, conversation_id, channel, direction, media is not null as media, text,
                            sent_at, received_as
                        from message
                        where conversation_id = any(?) and sent_at >= ? and sent_at < ? and type <> 'reaction'""")
                .params(
                        conversations.toArray(String[]::new),
                        Timestamp.from(Instant.ofEpochSecond(minute(first) * 60 - 60)),
                        Timestamp.from(Instant.ofEpochSecond(minute(last) * 60 + 120)))
                .query(rs -> {
                    if (!ExportChunk.CHANNEL.equals(rs.getString("channel"))) {
                        stored.add(rs.getString("external_id"));
                        return;
                    }
                    exported.add(new Exported(
                            rs.getLong("id"),
                            new Key(
                                    rs.getString("conversation_id"),
                                    rs.getString("direction"),
                                    rs.getBoolean("media"),
                                    plain(rs.getString("text"))),
                            Math.floorDiv(rs.getTimestamp("sent_at").getTime(), 60_000L),
                            rs.getString("received_as")));
                });
        if (exported.isEmpty()) {
            return messages;
        }
        // the conversations before their messages, in id order: the order extraction and the normaliser's
        // upsert take them in, so marking an export's row here never deadlocks with either
        jdbc.sql("select id from conversation where id = any(?) order by id for no key update")
                .param(conversations.toArray(String[]::new))
                .query(String.class)
                .list();
        List<InboundMessage> kept = new ArrayList<>(messages.size());
        for (InboundMessage message : messages) {
            if (stored.contains(message.externalId())
                    || REACTION.equals(message.type())
                    || !twinned(message, exported)) {
                kept.add(message);
            }
        }
        return kept;
    }

    private boolean twinned(InboundMessage message, List<Exported> exported) {
        for (Exported row : exported) {
            if (message.externalId().equals(row.receivedAs)) {
                return true; // a repeated delivery
            }
        }
        Key key = new Key(
                message.conversationId(),
                message.outbound() ? "out" : "in",
                message.media() != null && !message.media().isNull(),
                plain(message.text()));
        long minute = minute(message.sentAt());
        for (int slack = 0; slack <= 1; slack++) {
            for (Exported row : exported) {
                if (row.receivedAs == null && Math.abs(row.minute - minute) <= slack && row.key.equals(key)) {
                    row.receivedAs = message.externalId();
                    // another normaliser may have matched the row since it was read: then look on
                    if (jdbc.sql("update message set received_as = ? where id = ? and received_as is null")
                                    .params(message.externalId(), row.id)
                                    .update()
                            == 1) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long minute(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    /**
     * The text as compared: direction and embedding marks and the byte-order mark left out, every run of
     * white space (no-break spaces, line breaks) one space, none at the ends; null is empty.
     */
    public static String plain(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u200E'
                    || c == '\u200F'
                    || c == '\uFEFF'
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
