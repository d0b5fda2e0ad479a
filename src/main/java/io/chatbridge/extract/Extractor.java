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

    /**
     * The drafts of a conversation held in memory, message after message: {@link MessageByMessage#drafts}
     * answers what {@link #extract} would for the window {@code messages[from, to)}. An import calls it
     * for every message of a slice; an implementation may keep what it read between calls (the default
     * reads each window again).
     */
    default MessageByMessage messageByMessage(String conversationId, String phoneNumberId, String customerPhone) {
        return messageByMessage(conversationId, phoneNumberId, customerPhone, false);
    }

    /**
     * The same; {@code live} for the live pass reading a backlog, whose windows overlap the ones it read
     * before: an implementation may remember what it found in their messages.
     */
    default MessageByMessage messageByMessage(
            String conversationId, String phoneNumberId, String customerPhone, boolean live) {
        return (messages, from, to) -> extract(
                new ConversationWindow(conversationId, phoneNumberId, customerPhone, messages.subList(from, to)));
    }

    /** One conversation's extraction, window after window, with each window ending one message later. */
    interface MessageByMessage {

        List<RecordDraft> drafts(List<ChatMessage> messages, int from, int to);
    }
}
