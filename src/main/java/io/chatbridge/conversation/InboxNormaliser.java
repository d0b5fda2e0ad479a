package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.ingest.InboxQueue;
import io.chatbridge.ingest.InboxRow;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns stored webhook payloads into conversations, messages and statuses. One transaction per batch:
 * the messages and the inbox rows' new state commit together, so a crash repeats a batch at most,
 * and the idempotent inserts make the repeat invisible. Called by the {@code normalise-inbox} route.
 */
@Component("inboxNormaliser")
public class InboxNormaliser {

    private static final Logger log = LoggerFactory.getLogger(InboxNormaliser.class);
    private static final int MAX_ROUNDS = 50;

    private final InboxQueue inbox;
    private final MessageStore messages;
    private final WhatsAppPayloadParser parser;
    private final ExportChunkReader exports;
    private final PipelineProperties properties;
    private final TransactionTemplate transaction;

    InboxNormaliser(
            InboxQueue inbox,
            MessageStore messages,
            ObjectMapper json,
            PipelineProperties properties,
            TransactionTemplate transaction) {
        this.inbox = inbox;
        this.messages = messages;
        this.parser = new WhatsAppPayloadParser(json);
        this.exports = new ExportChunkReader(json);
        this.properties = properties;
        this.transaction = transaction;
    }

    /** Normalises until nothing is waiting (or a round limit); returns the number of inbox rows handled. */
    public int drain() {
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Integer handled = transaction.execute(this::normaliseBatch);
            total += handled == null ? 0 : handled;
            if (handled == null || handled < properties.batchSize()) {
                break;
            }
        }
        return total;
    }

    /**
     * Each row under its own savepoint: a row whose insert PostgreSQL refuses would otherwise abort
     * the batch's transaction, its failure could not be recorded, and the same batch would be claimed
     * again and again, holding up every message behind it.
     */
    private int normaliseBatch(TransactionStatus status) {
        List<InboxRow> rows = inbox.claim(properties.batchSize());
        List<Long> done = new ArrayList<>(rows.size());
        for (InboxRow row : rows) {
            Object savepoint = status.createSavepoint();
            try {
                normalise(row);
                status.releaseSavepoint(savepoint);
            } catch (IOException | RuntimeException e) {
                status.rollbackToSavepoint(savepoint);
                boolean dead = row.attempts() + 1 >= properties.inboxMaxAttempts();
                inbox.markFailed(
                        row.id(),
                        e.getClass().getSimpleName() + ": " + e.getMessage(),
                        dead,
                        Duration.ofSeconds(Math.min(3600, 5L << Math.min(row.attempts(), 10))));
                log.warn(
                        "Inbox row {} could not be normalised (attempt {}): {}",
                        row.id(),
                        row.attempts() + 1,
                        e.getClass().getSimpleName());
                continue;
            }
            done.add(row.id());
        }
        inbox.markNormalised(done);
        return rows.size();
    }

    /**
     * Normalises an export chunk its importer holds in memory and has just stored in the inbox as
     * {@code inboxId}, inside the caller's transaction: the same messages {@link #drain} would store from
     * the row's bytes, without reading them back. The importer has left out the messages stored before,
     * so they are inserted without a conflict check; one stored meanwhile by another import of the same
     * file makes this throw, and the caller's transaction roll back.
     */
    public void normaliseExport(long inboxId, ExportChunk chunk) {
        messages.storeNewMessages(inboxId, ExportChunk.CHANNEL, exports.messages(chunk));
    }

    /** Dispatches by channel: a webhook envelope, or a chunk of an imported chat export. */
    private void normalise(InboxRow row) throws IOException {
        if (ExportChunk.CHANNEL.equals(row.channel())) {
            messages.storeMessages(row.id(), row.channel(), exports.read(row.raw()));
        } else {
            messages.store(row.id(), parser.parse(row.raw(), row.receivedAt()));
        }
    }
}
