package io.chatbridge.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.ingest.InboxItem;
import io.chatbridge.ingest.InboxStore;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores imported messages in the inbox, a few hundred per row, like a webhook delivering a batch.
 * Messages the inbox already holds (an earlier import of the same or an overlapping export) are left
 * out before storing; the unique keys on inbox items and messages make any race harmless too.
 *
 * <p>Messages are held back up to {@link #BUFFERED} and then written grouped by conversation. A group
 * chat's lines interleave its customers, so chunks cut in file order each named about a hundred
 * conversations, and normalising every chunk rewrote every one of them (170,900 conversation upserts
 * for a 1,000,000-line export, each a new row version that every later foreign-key check of a message
 * had to step over). Grouped, a chunk names one or a few. Memory stays bounded by the buffer.
 */
final class ChunkWriter {

    static final int CHUNK_SIZE = 500;
    /** Messages held before they are grouped and written: a few megabytes. */
    static final int BUFFERED = 40 * CHUNK_SIZE;

    private final InboxStore inbox;
    private final ObjectMapper json;
    private final String source;
    private final Map<String, List<ExportChunk.Message>> pending = new LinkedHashMap<>();
    private int buffered;
    private long newMessages;
    private long chunks;

    /** @param inbox null for a dry run: messages are counted, nothing is written */
    ChunkWriter(InboxStore inbox, ObjectMapper json, String source) {
        this.inbox = inbox;
        this.json = json;
        this.source = source;
    }

    void add(ExportChunk.Message message) throws IOException {
        pending.computeIfAbsent(conversation(message), c -> new ArrayList<>()).add(message);
        if (++buffered >= BUFFERED) {
            flush();
        }
    }

    private static String conversation(ExportChunk.Message message) {
        return message.phoneNumberId() + ":" + message.customerId();
    }

    /** Writes everything held, conversation after conversation (each in file order), in chunks. */
    void flush() throws IOException {
        List<ExportChunk.Message> chunk = new ArrayList<>(CHUNK_SIZE);
        for (List<ExportChunk.Message> messages : pending.values()) {
            for (ExportChunk.Message message : messages) {
                chunk.add(message);
                if (chunk.size() == CHUNK_SIZE) {
                    write(chunk);
                    chunk.clear();
                }
            }
        }
        write(chunk);
        pending.clear();
        buffered = 0;
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
        Set<String> known = inbox.known(
                ExportChunk.CHANNEL, chunk.stream().map(ExportChunk.Message::id).toList());
        List<ExportChunk.Message> fresh =
                chunk.stream().filter(m -> !known.contains(m.id())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        byte[] raw = json.writeValueAsBytes(new ExportChunk(ExportChunk.FORMAT, source, fresh));
        List<InboxItem> items =
                fresh.stream().map(m -> InboxItem.message(m.id())).toList();
        if (inbox.store(ExportChunk.CHANNEL, "application/json", raw, items) > 0) {
            newMessages += fresh.size();
            chunks++;
        }
    }

    long newMessages() {
        return newMessages;
    }

    long chunks() {
        return chunks;
    }
}
