package io.chatbridge.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.ingest.InboxItem;
import io.chatbridge.ingest.InboxStore;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stores imported messages in the inbox, a few hundred per row, like a webhook delivering a batch.
 * Messages the inbox already holds (an earlier import of the same or an overlapping export) are left
 * out before storing; the unique keys on inbox items and messages make any race harmless too.
 */
final class ChunkWriter {

    static final int CHUNK_SIZE = 500;

    private final InboxStore inbox;
    private final ObjectMapper json;
    private final String source;
    private final List<ExportChunk.Message> pending = new ArrayList<>(CHUNK_SIZE);
    private long newMessages;
    private long chunks;

    /** @param inbox null for a dry run: messages are counted, nothing is written */
    ChunkWriter(InboxStore inbox, ObjectMapper json, String source) {
        this.inbox = inbox;
        this.json = json;
        this.source = source;
    }

    void add(ExportChunk.Message message) throws IOException {
        pending.add(message);
        if (pending.size() >= CHUNK_SIZE) {
            flush();
        }
    }

    void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        if (inbox == null) {
            newMessages += pending.size();
            pending.clear();
            return;
        }
        try {
            store();
        } catch (SQLException e) {
            throw new IOException("could not store imported messages: " + e.getMessage(), e);
        }
        pending.clear();
    }

    private void store() throws SQLException, IOException {
        Set<String> known = inbox.known(
                ExportChunk.CHANNEL,
                pending.stream().map(ExportChunk.Message::id).toList());
        List<ExportChunk.Message> fresh =
                pending.stream().filter(m -> !known.contains(m.id())).toList();
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
