package io.chatbridge.importer;

import io.chatbridge.common.Pii;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.SameMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the stored conversations that an export continues when its customers show under other names than
 * before. An export names authors as the phone does on the day: a customer saved as a contact between two
 * exports is "+44 7700 900123" in the first and "Ana" in the second, so the second would key the
 * customer's conversation by the name and start one of its own beside the first, storing every message
 * the two exports share again.
 *
 * <p>Each customer's first messages with text or media in the file (those a later export shares with an
 * earlier one: an export holds the chat's history up to the day it was made) are looked for among the
 * business's imported messages by time, side, text and whether it is media (a photo or a voice note matches
 * one at its minute, whatever the file: the same chat is exported with its media or without), so a
 * customer who only ever sends media is found too. In a one-to-one chat those are the chat's first
 * messages, both sides; in a group, each member's own (the business's messages there are placed by guess).
 * A conversation is continued when it alone holds at least {@link #NEEDED} of a customer's, each at its own
 * time, one at least written by the customer: the business's own messages are no proof, since a broadcast
 * puts the same text at the same minute in many chats. None (a first import, or no overlap) or several (a
 * coincidence between chats) leave the customer's own key, and so does a conversation that another
 * customer of the file holds or continues. Not when {@code --customer-number} gives a one-to-one chat's key.
 */
final class ChatContinuation {

    /** The first messages with text or media looked for, per customer. */
    static final int PROBES = 20;
    /** Messages a stored conversation must hold, each at its own time, to be the one continued. */
    static final int NEEDED = 2;

    /**
     * A message as it is looked for: when it was sent, by which side ({@code in}, {@code out}), whether it is
     * media, its text (a caption, "" for none).
     */
    private record Said(Timestamp sentAt, String direction, boolean media, String text) {

        Said {
            text = text == null ? "" : text;
        }
    }

    /**
     * One of a customer's first messages (its index in {@link ConversationPlacer#customers()}), or with
     * {@code last} one of a one-to-one chat's last.
     */
    private record Probe(int customer, Said said, boolean last) {}

    private ChatContinuation() {}

    /**
     * Places each customer of the file whose messages a stored conversation other than its own holds in
     * that conversation ({@link ConversationPlacer#continueAs}); adds a line to {@code notes} for each, and
     * for each customer whose messages several conversations hold.
     */
    static void find(
            JdbcClient jdbc,
            ExportSource source,
            DateOrder order,
            ZoneId zone,
            ConversationPlacer placer,
            String phoneNumberId,
            List<String> notes)
            throws IOException {
        if (!placer.group() && placer.customerKeyGiven()) {
            return;
        }
        boolean imports = holdsImports(jdbc, phoneNumberId);
        boolean live =
                !placer.group() && !Phones.looksLikeNumber(placer.customers().get(0)) && holdsLive(jdbc, phoneNumberId);
        if (!imports && !live) {
            return;
        }
        List<String> customers = placer.customers();
        List<Probe> probes = probes(source, order, zone, placer, customers, live);
        Map<Integer, List<String>> byFirst = imports
                ? holding(
                        jdbc,
                        phoneNumberId,
                        probes.stream().filter(p -> !p.last()).toList())
                : Map.of();
        Map<Integer, List<String>> byLast = live
                ? holdingLast(
                        jdbc, phoneNumberId, probes.stream().filter(Probe::last).toList())
                : Map.of();
        List<String> own = customers.stream()
                .map(customer -> phoneNumberId + ":" + placer.ownKey(customer))
                .toList();
        Set<String> taken = new HashSet<>(own);
        String who = placer.group() ? "a member of " + source.name() : source.name();
        for (int i = 0; i < customers.size(); i++) {
            Set<String> union = new java.util.TreeSet<>(byFirst.getOrDefault(i, List.of()));
            union.addAll(byLast.getOrDefault(i, List.of()));
            List<String> found = List.copyOf(union);
            if (found.isEmpty() || found.contains(own.get(i))) {
                continue;
            }
            if (found.size() > 1) {
                notes.add(who + ": the first messages are held by " + found.size() + " stored conversations, so they"
                        + " are imported as a conversation of their own"
                        + (placer.group()
                                ? ""
                                : " (if the customer was imported before under another name, give"
                                        + " --customer-number)"));
                continue;
            }
            String continued = found.get(0);
            if (!taken.add(continued)) {
                notes.add(who + ": the first messages are held by conversation " + Pii.maskConversation(continued)
                        + ", which another customer of the file goes on, so they are imported as a conversation of"
                        + " their own");
                continue;
            }
            placer.continueAs(customers.get(i), continued.substring(phoneNumberId.length() + 1));
            notes.add(who + ": continues conversation " + Pii.maskConversation(continued)
                    + (byFirst.getOrDefault(i, List.of()).contains(continued)
                            ? ", which holds its first messages (the customer was shown under another name when"
                                    + " that was imported)"
                            : ", which holds its last messages, received through the WhatsApp Cloud API (the"
                                    + " export shows the customer by name)"));
        }
    }

    /**
     * For each customer, the stored conversations holding at least {@link #NEEDED} of its probes at distinct
     * times, one at least the customer's. The stored messages at the probes' times are fetched and matched
     * here, not joined in SQL: right after an import the table's statistics are stale, and the planner
     * joined the probes to it with a scan each (30 s at 85,440 messages); {@code sent_at = any(…)} reads at
     * worst the table once.
     */
    private static Map<Integer, List<String>> holding(JdbcClient jdbc, String phoneNumberId, List<Probe> probes) {
        Map<Said, List<Integer>> customersOf = new HashMap<>();
        for (Probe probe : probes) {
            customersOf.computeIfAbsent(probe.said(), k -> new ArrayList<>()).add(probe.customer());
        }
        Map<Integer, Map<String, Match>> matches = new HashMap<>();
        jdbc.sql(
                        """
                        select conversation_id, sent_at, direction, media is not null as media, text from message
                        where channel = ? and sent_at = any(?) and starts_with(conversation_id, ?)""")
                .params(
                        ExportChunk.CHANNEL,
                        probes.stream().map(p -> p.said().sentAt()).distinct().toArray(Timestamp[]::new),
                        phoneNumberId + ":")
                .query(rs -> {
                    Said stored = new Said(
                            rs.getTimestamp("sent_at"),
                            rs.getString("direction"),
                            rs.getBoolean("media"),
                            rs.getString("text"));
                    for (int customer : customersOf.getOrDefault(stored, List.of())) {
                        matches.computeIfAbsent(customer, c -> new HashMap<>())
                                .computeIfAbsent(rs.getString("conversation_id"), c -> new Match())
                                .add(stored);
                    }
                });
        return held(matches);
    }

    /** The conversations that hold at least {@link #NEEDED} of a customer's probes, one the customer's. */
    private static Map<Integer, List<String>> held(Map<Integer, Map<String, Match>> matches) {
        Map<Integer, List<String>> holding = new HashMap<>();
        matches.forEach((customer, byConversation) -> byConversation.forEach((conversation, match) -> {
            if (match.times.size() >= NEEDED && match.fromCustomer) {
                holding.computeIfAbsent(customer, c -> new ArrayList<>()).add(conversation);
            }
        }));
        holding.values().forEach(list -> list.sort(null));
        return holding;
    }

    /** The probes of one customer a stored conversation holds: at which times, and whether one is the customer's. */
    private static final class Match {
        final Set<Timestamp> times = new HashSet<>();
        boolean fromCustomer;

        void add(Said stored) {
            times.add(stored.sentAt());
            fromCustomer |= "in".equals(stored.direction());
        }
    }

    /** Whether the business holds any imported conversation: none on a first import, which looks for nothing. */
    private static boolean holdsImports(JdbcClient jdbc, String phoneNumberId) {
        return jdbc.sql(
                        """
                        select exists (select 1 from conversation c where c.phone_number_id = ?
                            and exists (select 1 from message m where m.conversation_id = c.id and m.channel = ?))""")
                .params(phoneNumberId, ExportChunk.CHANNEL)
                .query(Boolean.class)
                .single();
    }

    /**
     * Each customer's first {@link #PROBES} messages with text or media, placed in time as the import places
     * them: read until every customer has them, or to the end of the file. With {@code last} (a one-to-one
     * chat, when the business holds messages from the webhook) also the chat's last {@link #PROBES}, both
     * sides: the file is then read to its end.
     */
    private static List<Probe> probes(
            ExportSource source,
            DateOrder order,
            ZoneId zone,
            ConversationPlacer placer,
            List<String> customers,
            boolean last)
            throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        customers.forEach(customer -> index.put(customer, index.size()));
        int[] found = new int[customers.size()];
        int[] complete = {0};
        List<Probe> probes = new ArrayList<>();
        java.util.ArrayDeque<Probe> tail = new java.util.ArrayDeque<>(PROBES);
        ExportClock clock = new ExportClock(zone);
        ExportListener listener = message -> {
            if (message.deleted()) {
                return;
            }
            boolean media = FileImport.isMedia(message);
            if (!media && (message.text() == null || message.text().isBlank())) {
                return;
            }
            boolean fromBusiness = placer.isBusiness(message.author());
            Integer customer = !placer.group() ? Integer.valueOf(0) : fromBusiness ? null : index.get(message.author());
            if (customer == null) {
                return;
            }
            Timestamp at = Timestamp.from(clock.instant(message.time()));
            Said said = new Said(at, fromBusiness ? "out" : "in", media, message.text());
            if (last) {
                if (tail.size() == PROBES) {
                    tail.removeFirst();
                }
                tail.addLast(new Probe(customer, said, true));
            }
            if (found[customer] == PROBES) {
                return;
            }
            probes.add(new Probe(customer, said, false));
            if (++found[customer] == PROBES && ++complete[0] == customers.size() && !last) {
                throw Enough.INSTANCE;
            }
        };
        try (BufferedReader reader = source.open()) {
            new ExportParser(order).parse(reader, listener);
        } catch (Enough enough) {
            // every customer's first messages are all that is looked for
        }
        probes.addAll(tail);
        return probes;
    }

    /**
     * For the one customer of a one-to-one chat, the conversations whose messages from the webhook (or sent
     * by chatbridge) match at least {@link #NEEDED} of the chat's last messages at distinct minutes, one at
     * least the customer's: the same rule as {@link #holding}, for a number on the Cloud API and the WhatsApp
     * Business app at once, whose export shows a customer saved as a contact by name while the webhook
     * keyed the conversation by the number. A message matches when {@link SameMessage} finds them the same,
     * in the export's minute or the one before or after (the webhook's clock has seconds). Only the minutes around the probes are read (one statement per run of them on {@code
     * message (sent_at)}), not the time between: a customer who wrote twenty messages in five years would
     * otherwise read five years of the business's history.
     */
    private static Map<Integer, List<String>> holdingLast(JdbcClient jdbc, String phoneNumberId, List<Probe> probes) {
        if (probes.isEmpty()) {
            return Map.of();
        }
        Map<SameMessage, List<Probe>> byText = new HashMap<>();
        List<long[]> spans = new ArrayList<>();
        for (Probe probe : probes) {
            Said said = probe.said();
            byText.computeIfAbsent(new SameMessage(said.direction(), said.media(), said.text()), k -> new ArrayList<>())
                    .add(probe);
            long minute = SameMessage.minute(said.sentAt().getTime());
            spans.add(new long[] {
                SameMessage.since(minute).getTime(), SameMessage.until(minute).getTime()
            });
        }
        Map<Integer, Map<String, Match>> matches = new HashMap<>();
        for (long[] span : merged(spans)) {
            jdbc.sql(
                            """
                            select conversation_id, sent_at, direction, media is not null as media, text from message
                            where sent_at >= ? and sent_at < ? and channel <> ? and type <> 'reaction'
                                and starts_with(conversation_id, ?)""")
                    .params(new Timestamp(span[0]), new Timestamp(span[1]), ExportChunk.CHANNEL, phoneNumberId + ":")
                    .query(rs -> {
                        List<Probe> same = byText.get(new SameMessage(
                                rs.getString("direction"), rs.getBoolean("media"), rs.getString("text")));
                        if (same == null) {
                            return;
                        }
                        long minute =
                                SameMessage.minute(rs.getTimestamp("sent_at").getTime());
                        for (Probe probe : same) {
                            if (Math.abs(SameMessage.minute(
                                                    probe.said().sentAt().getTime())
                                            - minute)
                                    <= 1) {
                                matches.computeIfAbsent(probe.customer(), c -> new HashMap<>())
                                        .computeIfAbsent(rs.getString("conversation_id"), c -> new Match())
                                        .add(probe.said());
                            }
                        }
                    });
        }
        return held(matches);
    }

    /** The spans in time order, those that overlap or touch joined. */
    static List<long[]> merged(List<long[]> spans) {
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort(java.util.Comparator.comparingLong(span -> span[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] span : sorted) {
            long[] open = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (open != null && span[0] <= open[1]) {
                open[1] = Math.max(open[1], span[1]);
            } else {
                merged.add(new long[] {span[0], span[1]});
            }
        }
        return merged;
    }

    /**
     * Whether the business holds a conversation a webhook started (or a message chatbridge sent): only then
     * can a chat's customer be shown by name in the export and keyed by number here.
     */
    private static boolean holdsLive(JdbcClient jdbc, String phoneNumberId) {
        return jdbc.sql(
                        """
                        select exists (select 1 from conversation where phone_number_id = ? and channel <> ?)""")
                .params(phoneNumberId, ExportChunk.CHANNEL)
                .query(Boolean.class)
                .single();
    }

    /** Stops the parser once the probes are read: an export can be a million lines long. */
    private static final class Enough extends RuntimeException {
        static final Enough INSTANCE = new Enough();

        private Enough() {
            super(null, null, false, false);
        }
    }
}
