package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.BusinessProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives, message after message of a conversation held in memory, exactly the drafts a fresh read of the
 * window ending at that message would give, without reading the window again each time. The reader
 * goes on with the new message unless the window's start moved past something that shaped what it holds:
 * a record anchored in the messages that left the window, or a business question that the first message
 * still inside was read against. Only then does it read the window again from its new start. A record's
 * draft is written again only when the record changed (or the name it borrows did), not after every message.
 */
public final class WindowedSession {

    private final List<CompiledType> types;
    private final BusinessProfile business;
    private final FactsCache facts;
    private final String conversationId;
    private final String phoneNumberId;
    private final String customerPhone;
    private final Map<String, Integer> positions = new HashMap<>();
    /** The draft last written for each record, kept while the record and the name it may borrow stay. */
    private final Map<OpenRecord, Written> written = new IdentityHashMap<>();

    private ConversationReader reader;
    private List<OpenRecord> records = List.of();
    private int start = -1;

    WindowedSession(
            List<CompiledType> types,
            BusinessProfile business,
            FactsCache facts,
            String conversationId,
            String phoneNumberId,
            String customerPhone) {
        this.types = types;
        this.business = business;
        this.facts = facts;
        this.conversationId = conversationId;
        this.phoneNumberId = phoneNumberId;
        this.customerPhone = customerPhone;
    }

    /**
     * @param messages the conversation slice, oldest first (the same list on every call)
     * @param from first message inside the window ending at {@code to - 1}
     * @param to one past the newest message
     */
    public List<RecordDraft> drafts(List<ChatMessage> messages, int from, int to) {
        ChatMessage newest = messages.get(to - 1);
        positions.put(newest.messageId(), to - 1);
        if (reader == null || (from != start && shapedByWhatLeft(messages, from))) {
            for (int i = from; i < to; i++) {
                positions.put(messages.get(i).messageId(), i);
            }
            reader = new ConversationReader(types, business, facts);
            written.clear();
            records = reader.read(messages.subList(from, to));
        } else {
            records = reader.read(List.of(newest));
        }
        start = from;
        Slot name = DraftWriter.nameSaid(records);
        ConversationWindow window = null; // a copy of the window's messages: made only when a draft is written
        List<RecordDraft> drafts = new ArrayList<>(records.size());
        for (OpenRecord record : records) {
            Written last = written.get(record);
            if (last == null || last.version() != record.version() || last.name() != name) {
                if (window == null) {
                    window = new ConversationWindow(
                            conversationId, phoneNumberId, customerPhone, messages.subList(from, to));
                }
                last = new Written(record.version(), name, DraftWriter.write(record, records, window, business));
                written.put(record, last);
            }
            drafts.add(last.draft());
        }
        return drafts;
    }

    /**
     * A draft depends on its record, on the window only through its anchor message (inside the window as
     * long as the record is held: a record whose anchor leaves makes the reader start again), and on the
     * other records only through the name a customer gave in one of them ({@link DraftWriter#nameSaid}).
     */
    private record Written(int version, Slot name, RecordDraft draft) {}

    private boolean shapedByWhatLeft(List<ChatMessage> messages, int from) {
        if (from > 0
                && messages.get(from - 1).fromBusiness()
                && !messages.get(from).fromBusiness()) {
            return true;
        }
        for (OpenRecord record : records) {
            Integer at = positions.get(record.anchorMessageId);
            if (at == null || at < from) {
                return true;
            }
        }
        return false;
    }
}
