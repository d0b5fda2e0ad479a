package io.chatbridge.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.ingest.InboxStore;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stores imported messages in the inbox, a few hundred per row, like a webhook delivering a batch.
 * Messages already stored (an earlier import of the same or an overlapping export) are left out before
 * storing; the inbox's hash of a chunk's bytes and the unique key of messages make any race harmless too.
 *
 * <p>A chunk holds the messages of a lane of {@link #LANE} conversations, in file order. A group chat's
 * lines interleave all its customers, so chunks cut in file order each named about a hundred
 * conversations, and normalising every chunk rewrote every one of them (170,900 non-HOT conversation
 * upserts for a 1,000,000-line export, whose dead versions every message's foreign-key check stepped
 * over). A chunk of one conversation is no better: its messages then fill whole table pages, and marking
 * them extracted, all in one transaction, finds no room on those pages for the new row versions, so
 * each update writes all five message indexes again (22% HOT updates instead of 87%). A lane of 16
 * conversations keeps consecutive rows mostly of different conversations. Lanes wait for a full chunk;
 * when {@link #BUFFERED} messages wait, the fullest lane is written, so memory stays bounded.
 */
final class ChunkWriter {

    static final int CHUNK_SIZE = 500;
    /** Conversations that share chunks. */
    static final int LANE = 16;
    /** Messages held at most, over all lanes: a few megabytes. */
    static final int BUFFERED = 40 * CHUNK_SIZE;

    private final InboxStore inbox;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final String source;
    private final Map<String, Integer> lanes = new HashMap<>();
    private final Map<Integer, List<ExportChunk.Message>> pending = new LinkedHashMap<>();
    private int buffered;
    private long newMessages;
    private long chunks;

    /** @param inbox null for a dry run: messages are counted, nothing is written */
    ChunkWriter(InboxStore inbox, JdbcClient jdbc, ObjectMapper json, String source) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
    }

    void add(ExportChunk.Message message) throws IOException {
        String conversation = message.phoneNumberId() + ":" + message.customerId();
        int lane = lanes.computeIfAbsent(conversation, c -> lanes.size() / LANE);
        List<ExportChunk.Message> held = pending.computeIfAbsent(lane, l -> new ArrayList<>());
        held.add(message);
        buffered++;
        if (held.size() == CHUNK_SIZE) {
            writeLane(lane);
        } else if (buffered >= BUFFERED) {
            writeLane(fullest());
        }
    }

    private int fullest() {
        return pending.entrySet().stream()
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(List::size)))
                .orElseThrow()
                .getKey();
    }

    private void writeLane(int lane) throws IOException {
        List<ExportChunk.Message> held = pending.remove(lane);
        buffered -= held.size();
        write(held);
    }

    /** Writes every message still held. */
    void flush() throws IOException {
        for (Integer lane : List.copyOf(pending.keySet())) {
            writeLane(lane);
        }
    }

    private void write(List<ExportChunk.Message> chunk) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        if (inbox == null) {
            newMessages += chunk.size();
            return;
        }
        try {
            store(chunk);
        } catch (SQLException e) {
            throw new IOException("could not store imported messages: " + e.getMessage(), e);
        }
    }

    private void store(List<ExportChunk.Message> chunk) throws SQLException, IOException {
        Set<String> known = known(chunk);
        List<ExportChunk.Message> fresh =
                chunk.stream().filter(m -> !known.contains(m.id())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        byte[] raw = json.writeValueAsBytes(new ExportChunk(ExportChunk.FORMAT, source, fresh));
        if (inbox.store(ExportChunk.CHANNEL, "application/json", raw, List.of()) > 0) {
            newMessages += fresh.size();
            chunks++;
        }
    }

    /**
     * The messages of a chunk that are stored already. An imported chunk has no {@code inbox_item} row per
     * message (a webhook's items make a retried delivery a no-op; a message of an export is kept once by
     * the unique key of {@code message}, and a chunk stored twice by the inbox's hash of its bytes): those
     * rows, their foreign keys and their index were a fifth of the database's work in a large import.
     * Messages of a chunk that waits to be normalised are not found here; were they stored again, the
     * normaliser would store each once.
     */
    private Set<String> known(List<ExportChunk.Message> chunk) {
        return new java.util.HashSet<>(
                jdbc.sql("select external_id from message where channel = ? and external_id = any(?)")
                        .params(
                                ExportChunk.CHANNEL,
                                chunk.stream().map(ExportChunk.Message::id).toArray(String[]::new))
                        .query(String.class)
                        .list());
    }

    long newMessages() {
        return newMessages;
    }

    long chunks() {
        return chunks;
    }
}
