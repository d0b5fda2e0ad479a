package io.chatbridge.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.InboxNormaliser;
import io.chatbridge.ingest.InboxStore;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one chunk of an import: its raw JSON in the inbox and its messages, normalised from the chunk in
 * hand, in one transaction. Messages already stored (an earlier import of the same or an overlapping
 * export) are left out first; the inbox's hash of a chunk's bytes and the unique key of messages make any
 * race harmless too. Used by several writer threads at once, each with its own conversations.
 *
 * <p>The inbox row and the messages commit together, so no message is stored without its raw chunk, and
 * the chunk's bytes are not read back and parsed again. If normalising the chunk fails (a message the
 * database refuses), the transaction rolls back and the chunk is stored alone, as {@code received}: the
 * pipeline's normaliser then tries it under its own error handling (retries, then {@code dead}, still
 * stored and replayable), as it would a webhook payload.
 */
final class ChunkStore {

    private static final Logger log = LoggerFactory.getLogger(ChunkStore.class);
    private static final String CONTENT_TYPE = "application/json";

    private final InboxStore inbox;
    private final InboxNormaliser normaliser;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final String source;
    /** Conversations the run has written chunks for, over all its files. */
    private final Set<String> written;
    /** Conversations that held no imported message when this file first named them. */
    private final Set<String> empty = ConcurrentHashMap.newKeySet();
    /** Conversations that held no message at all when this file first named them: no twin to look for. */
    private final Set<String> silent = ConcurrentHashMap.newKeySet();

    private final LiveTwins twins;

    /** @param written the conversations the run's earlier files wrote (thread-safe); this file adds its own */
    ChunkStore(
            InboxStore inbox,
            InboxNormaliser normaliser,
            JdbcClient jdbc,
            ObjectMapper json,
            TransactionTemplate transaction,
            String source,
            Set<String> written) {
        this.inbox = inbox;
        this.normaliser = normaliser;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.source = source;
        this.written = written;
        this.twins = new LiveTwins(jdbc);
    }

    /** Messages of the file that reached chatbridge another way first ({@link LiveTwins}), so far. */
    long receivedBefore() {
        return twins.found();
    }

    /**
     * @return how many of the chunk's messages were not stored before (0 when all were, or when the same
     *     chunk was stored before)
     */
    int store(List<ExportChunk.Message> chunk) throws IOException {
        ExportChunk fresh = fresh(chunk);
        if (fresh.messages().isEmpty()) {
            return 0;
        }
        byte[] raw = json.writeValueAsBytes(fresh);
        try {
            Integer stored = transaction.execute(status -> storeAndNormalise(fresh, raw));
            return stored == null ? 0 : stored;
        } catch (RuntimeException e) {
            log.warn(
                    "An imported chunk could not be normalised as it was stored ({}); it waits in the inbox for the "
                            + "normaliser",
                    e.getClass().getSimpleName());
            return storeForTheNormaliser(fresh, raw);
        }
    }

    private int storeAndNormalise(ExportChunk fresh, byte[] raw) {
        try {
            long id = inbox.storeNormalised(ExportChunk.CHANNEL, CONTENT_TYPE, raw);
            if (id < 0) {
                return 0; // the same chunk was stored before
            }
            normaliser.normaliseExport(id, fresh);
            return fresh.messages().size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int storeForTheNormaliser(ExportChunk fresh, byte[] raw) throws IOException {
        try {
            return inbox.store(ExportChunk.CHANNEL, CONTENT_TYPE, raw, List.of()) > 0
                    ? fresh.messages().size()
                    : 0;
        } catch (SQLException | RuntimeException e) {
            throw new IOException("could not store imported messages: " + e.getMessage(), e);
        }
    }

    private ExportChunk fresh(List<ExportChunk.Message> chunk) {
        Set<String> known = known(chunk);
        List<ExportChunk.Message> unknown =
                chunk.stream().filter(m -> !known.contains(m.id())).toList();
        Set<String> twin = twins.in(
                unknown.stream().filter(m -> !silent.contains(conversation(m))).toList());
        return new ExportChunk(
                ExportChunk.FORMAT,
                source,
                twin.isEmpty()
                        ? unknown
                        : unknown.stream().filter(m -> !twin.contains(m.id())).toList());
    }

    /**
     * The messages of a chunk that are stored already under their own ids. An imported chunk has no
     * {@code inbox_item} row per message (a webhook's items make a retried delivery a no-op; a message of an
     * export is kept once by the unique key of {@code message}, and a chunk stored twice by the inbox's hash
     * of its bytes): those rows, their foreign keys and their index were a fifth of the database's work in a
     * large import.
     *
     * <p>A first import of a chat asks nothing per message: a conversation that held no imported message
     * when this file first named it, and that no earlier file of the run wrote, cannot hold any of the
     * file's messages but those stored from this file, and a file names each message once. Asking the
     * unique index for every message of a 1,000,000-line first import cost 9 s of database time. One that
     * held no message at all has no twin from a webhook either ({@link LiveTwins}).
     */
    private Set<String> known(List<ExportChunk.Message> chunk) {
        Set<String> named = new LinkedHashSet<>();
        chunk.forEach(message -> named.add(conversation(message)));
        List<String> unasked = named.stream().filter(c -> !written.contains(c)).toList();
        if (!unasked.isEmpty()) {
            Set<String> imported = new HashSet<>();
            Set<String> held = new HashSet<>();
            jdbc.sql(
                            """
                            select c,
                                exists (select 1 from message m where m.conversation_id = c and m.channel = ?) as imported,
                                exists (select 1 from message m where m.conversation_id = c) as held
                            from unnest(?::text[]) as c""")
                    .params(ExportChunk.CHANNEL, unasked.toArray(String[]::new))
                    .query(rs -> {
                        if (rs.getBoolean("imported")) {
                            imported.add(rs.getString("c"));
                        }
                        if (rs.getBoolean("held")) {
                            held.add(rs.getString("c"));
                        }
                    });
            for (String conversation : unasked) {
                if (!imported.contains(conversation)) {
                    empty.add(conversation);
                }
                if (!held.contains(conversation)) {
                    silent.add(conversation);
                }
                written.add(conversation);
            }
        }
        String[] asked = chunk.stream()
                .filter(m -> !empty.contains(conversation(m)))
                .map(ExportChunk.Message::id)
                .toArray(String[]::new);
        if (asked.length == 0) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select external_id from message where channel = ? and external_id = any(?)")
                .params(ExportChunk.CHANNEL, asked)
                .query(String.class)
                .list());
    }

    /** The id of the conversation a message belongs to, as the normaliser stores it. */
    static String conversation(ExportChunk.Message message) {
        return message.phoneNumberId() + ":" + message.customerId();
    }
}
