package io.chatbridge.extract;

import java.util.List;

/**
 * The extraction port: turns the recent messages of one conversation into record drafts.
 *
 * <p>The pipeline calls it with every message of the conversation inside the slot-filling window
 * (new ones included), in time order, and upserts whatever drafts come back. It must therefore be
 * deterministic over its input: the same window always yields the same drafts, so re-running it
 * after a crash changes nothing. Implementations are pure code (no I/O, no network) so that a
 * model-based extractor can be added later behind the same seam.
 */
public interface Extractor {

    /**
     * @return one draft per record the window contributes to; empty for small talk
     */
    List<RecordDraft> extract(ConversationWindow window);
}
