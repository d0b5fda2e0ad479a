package io.chatbridge.importer;

import io.chatbridge.common.Pii;
import io.chatbridge.conversation.ExportChunk;
import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the stored conversation that a one-to-one export continues when its customer shows under another
 * name than before. An export names authors as the phone does on the day: a customer saved as a contact
 * between two exports is "+44 7700 900123" in the first and "Ana" in the second, so the second would key
 * its conversation by the name and start a conversation of its own beside the first, storing every message
 * the two exports share again.
 *
 * <p>The file's first messages with text (those a later export shares with an earlier one: an export
 * holds the chat's history up to the day it was made) are looked for among the business's imported
 * messages by time, side and text. A conversation continues when it alone holds at least
 * {@link #NEEDED} of them, each at its own time, one at least written by the customer: the business's own
 * messages are no proof, since a broadcast puts the same text at the same minute in many chats. None (a
 * first import, or no overlap) or several (a coincidence between chats) leave the file's own key. Not for group chats (each author is a conversation of its own) and not when
 * {@code --customer-number} gives the key.
 */
final class ChatContinuation {

    /** The first messages with text looked for. */
    static final int PROBES = 20;
    /** Messages a stored conversation must hold, each at its own time, to be the one continued. */
    static final int NEEDED = 2;

    private record Probe(Timestamp sentAt, String direction, String text) {}

    private ChatContinuation() {}

    /**
     * @return the stored conversation's customer key when the file continues one that is not its own, else
     *     empty; {@code notes} gets a line for the summary when the file continues another conversation or
     *     matched several
     */
    static Optional<String> find(
            JdbcClient jdbc,
            ExportSource source,
            DateOrder order,
            ZoneId zone,
            ConversationPlacer placer,
            String phoneNumberId,
            List<String> notes)
            throws IOException {
        List<Probe> probes = probes(source, order, zone, placer);
        if (probes.size() < NEEDED) {
            return Optional.empty();
        }
        String own = phoneNumberId + ":" + placer.oneToOneKey();
        List<String> holding = jdbc.sql(
                        """
                        select m.conversation_id
                        from unnest(?::timestamptz[], ?::text[], ?::text[]) as p(sent_at, direction, text)
                        join message m on m.sent_at = p.sent_at and m.direction = p.direction and m.text = p.text
                        where m.channel = ? and starts_with(m.conversation_id, ?)
                        group by m.conversation_id
                        having count(distinct p.sent_at) >= ? and bool_or(p.direction = 'in')
                        order by m.conversation_id""")
                .params(
                        probes.stream().map(Probe::sentAt).toArray(Timestamp[]::new),
                        probes.stream().map(Probe::direction).toArray(String[]::new),
                        probes.stream().map(Probe::text).toArray(String[]::new),
                        ExportChunk.CHANNEL,
                        phoneNumberId + ":",
                        NEEDED)
                .query(String.class)
                .list();
        if (holding.isEmpty() || holding.contains(own)) {
            return Optional.empty();
        }
        if (holding.size() > 1) {
            notes.add(source.name() + ": its first messages are held by " + holding.size()
                    + " stored conversations, so it is imported as a conversation of its own (if its customer was"
                    + " imported before under another name, give --customer-number)");
            return Optional.empty();
        }
        String continued = holding.get(0);
        notes.add(source.name() + ": continues conversation " + Pii.maskConversation(continued)
                + ", which holds its first messages (its customer was shown under another name when that was"
                + " imported)");
        return Optional.of(continued.substring(phoneNumberId.length() + 1));
    }

    /** The file's first {@link #PROBES} messages with text, placed in time as the import places them. */
    private static List<Probe> probes(ExportSource source, DateOrder order, ZoneId zone, ConversationPlacer placer)
            throws IOException {
        List<Probe> probes = new ArrayList<>();
        ExportClock clock = new ExportClock(zone);
        ExportListener listener = message -> {
            if (message.deleted()) {
                return;
            }
            Timestamp at = Timestamp.from(clock.instant(message.time()));
            if (message.text() != null && !message.text().isBlank()) {
                boolean fromBusiness = placer.place(message.author()).fromBusiness();
                probes.add(new Probe(at, fromBusiness ? "out" : "in", message.text()));
                if (probes.size() == PROBES) {
                    throw Enough.INSTANCE;
                }
            }
        };
        try (BufferedReader reader = source.open()) {
            new ExportParser(order).parse(reader, listener);
        } catch (Enough enough) {
            // the first messages are all that is looked for
        }
        return probes;
    }

    /** Stops the parser once the probes are read: an export can be a million lines long. */
    private static final class Enough extends RuntimeException {
        static final Enough INSTANCE = new Enough();

        private Enough() {
            super(null, null, false, false);
        }
    }
}
