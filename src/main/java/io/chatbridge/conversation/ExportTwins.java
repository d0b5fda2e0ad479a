package io.chatbridge.conversation;

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
 * before and the same as {@link SameMessage} compares them, sent in its minute, or failing that the
 * minute before or after. The export's row then notes the wamid ({@code received_as},
 * V103), so each row stands for one webhook message, and a repeated delivery of the same payload finds
 * its twin again. The payload stays in the inbox; the message is the export's row. One stored under its
 * own id already (an earlier delivery, before the import) is never a twin.
 */
final class ExportTwins {

    /** An export does not show reactions: a reaction is never the twin of a message, whatever its emoji. */
    private static final String REACTION = "reaction";

    private final JdbcClient jdbc;

    ExportTwins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Key(String conversation, SameMessage said) {}

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
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Set<String> conversations = new HashSet<>();
        for (InboundMessage message : messages) {
            first = Math.min(first, SameMessage.minute(message.sentAt().toEpochMilli()));
            last = Math.max(last, SameMessage.minute(message.sentAt().toEpochMilli()));
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
                .params(conversations.toArray(String[]::new), SameMessage.since(first), SameMessage.until(last))
                .query(rs -> {
                    if (!ExportChunk.CHANNEL.equals(rs.getString("channel"))) {
                        stored.add(rs.getString("external_id"));
                        return;
                    }
                    exported.add(new Exported(
                            rs.getLong("id"),
                            new Key(
                                    rs.getString("conversation_id"),
                                    new SameMessage(
                                            rs.getString("direction"), rs.getBoolean("media"), rs.getString("text"))),
                            SameMessage.minute(rs.getTimestamp("sent_at").getTime()),
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
                new SameMessage(
                        message.outbound() ? "out" : "in",
                        message.media() != null && !message.media().isNull(),
                        message.text()));
        long minute = SameMessage.minute(message.sentAt().toEpochMilli());
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
}
