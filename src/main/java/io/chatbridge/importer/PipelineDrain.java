package io.chatbridge.importer;

import io.chatbridge.conversation.ConversationExtraction;
import io.chatbridge.conversation.ExportChunk;
import io.chatbridge.conversation.InboxNormaliser;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the pipeline's normalise and extract steps in the importing process until the imported
 * messages have become records, alongside the routes if they run too (rows and conversations are
 * claimed with SKIP LOCKED, so nothing is done twice).
 */
final class PipelineDrain {

    private final InboxNormaliser normaliser;
    private final ConversationExtraction extraction;
    private final JdbcClient jdbc;
    private final Instant since;
    private final Set<String> conversations;
    private final ConversationExtraction.Committed committed;

    /**
     * @param conversations the conversations the import names (thread-safe: the import adds to it while
     *     this counts records)
     * @param committed told what each extraction transaction did, once committed
     */
    PipelineDrain(
            InboxNormaliser normaliser,
            ConversationExtraction extraction,
            JdbcClient jdbc,
            Instant since,
            Set<String> conversations,
            ConversationExtraction.Committed committed) {
        this.normaliser = normaliser;
        this.extraction = extraction;
        this.jdbc = jdbc;
        this.since = since;
        this.conversations = conversations;
        this.committed = committed;
    }

    /** One round of normalising; true when it did something. */
    boolean normalise() {
        return normaliser.drain() > 0;
    }

    /**
     * One round of normalising, or when nothing is left to normalise, of extracting (one transaction, a
     * few conversations); true when it did something. Extraction waits until the file is written and
     * stored, so each conversation is read in one pass rather than again with every chunk.
     */
    boolean step() {
        return normaliser.drain() > 0 || extraction.drainImports(committed) > 0;
    }

    /** One round of extracting only, for a second thread, once every stored chunk is normalised. */
    boolean extract() {
        return normalised() && extraction.drainImports(committed) > 0;
    }

    private boolean normalised() {
        return jdbc.sql("select not exists (select 1 from inbox where channel = ? and state = 'received')")
                .param(ExportChunk.CHANNEL)
                .query(Boolean.class)
                .single();
    }

    /** Nothing of the import waits: no chunk un-normalised (retrying ones excepted), no conversation pending. */
    boolean idle() {
        return jdbc.sql(
                        """
                        select not exists (select 1 from inbox where channel = ? and state = 'received')
                           and not exists (select 1 from conversation where import_pending and pending_extraction)""")
                .param(ExportChunk.CHANNEL)
                .query(Boolean.class)
                .single();
    }

    /** Chunks that failed to normalise and wait for a retry (the server will retry them). */
    long failedChunks() {
        return jdbc.sql(
                        "select count(*) from inbox where channel = ? and state in ('failed', 'dead') and received_at >= ?")
                .params(ExportChunk.CHANNEL, Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    /**
     * Records created since the import began in the conversations it stored messages in, by type: a
     * conversation a webhook had started (channel {@code whatsapp}) holds the import's records too.
     */
    Map<String, Long> recordsByType() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        select type, count(*) as n from record
                        where conversation_id = any(?) and created_at >= ? group by type order by type""")
                .params(conversations.toArray(String[]::new), Timestamp.from(since))
                .query(rs -> {
                    counts.put(rs.getString("type"), rs.getLong("n"));
                });
        return counts;
    }
}
