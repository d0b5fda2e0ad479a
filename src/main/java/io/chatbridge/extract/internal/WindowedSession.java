package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.extract.normalize.NormalizeContext;
import io.chatbridge.mapping.BusinessProfile;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** Whether what the normalisers find goes through the engine's cache of recent messages. */
    private final boolean remembered;
    /** The draft last written for each record, by anchor message; see {@link Written}. */
    private final Map<String, Written> written = new HashMap<>();
    /** What the normalisers found in each message of the slice so far, by position. */
    private final List<MessageFacts> read = new ArrayList<>();

    private ConversationReader reader;
    private List<OpenRecord> records = List.of();
    private int start = -1;

    WindowedSession(
            List<CompiledType> types,
            BusinessProfile business,
            FactsCache facts,
            String conversationId,
            String phoneNumberId,
            String customerPhone,
            boolean remembered) {
        this.remembered = remembered;
        this.types = types;
        this.business = business;
        this.facts = facts;
        this.conversationId = conversationId;
        this.phoneNumberId = phoneNumberId;
        this.customerPhone = customerPhone;
    }

    /**
     * @param messages the conversation slice in time order (the same list on every call)
     * @param from first message inside the window ending at {@code to - 1}: every message before it is older
     * @param to one past the newest message
     */
    public List<RecordDraft> drafts(List<ChatMessage> messages, int from, int to) {
        for (int i = read.size(); i < to; i++) {
            ChatMessage message = messages.get(i);
            NormalizeContext ctx = ConversationReader.contextOf(business, message);
            read.add(remembered ? facts.facts(message, ctx) : facts.uncached(message, ctx));
        }
        boolean again = reader == null || (from != start && shapedByWhatLeft(from));
        if (again) {
            reader = new ConversationReader(types, business, facts);
            records = reader.readFacts(read.subList(from, to));
        } else {
            records = reader.readFacts(read.subList(to - 1, to));
        }
        for (int i = Math.max(start, 0); i < from; i++) {
            read.set(i, null); // before the window: never read again (the window only moves forward)
        }
        start = from;
        List<RecordDraft> drafts = draftsOf(messages.subList(from, to));
        if (again) {
            written.keySet()
                    .retainAll(records.stream().map(r -> r.anchorMessageId).toList());
        }
        return drafts;
    }

    private List<RecordDraft> draftsOf(List<ChatMessage> window) {
        Slot name = DraftWriter.nameSaid(records);
        ConversationWindow copy = null; // a copy of the window's messages: made only when a draft is written
        List<RecordDraft> drafts = new ArrayList<>(records.size());
        for (OpenRecord record : records) {
            Written last = written.get(record.anchorMessageId);
            if (last == null || !last.stillFor(record, name)) {
                if (copy == null) {
                    copy = new ConversationWindow(conversationId, phoneNumberId, customerPhone, window);
                }
                last = new Written(record, name, DraftWriter.write(record, records, copy, business));
                written.put(record.anchorMessageId, last);
            } else if (last.record != record || last.version != record.version()) {
                written.put(record.anchorMessageId, new Written(last, record));
            }
            drafts.add(last.draft);
        }
        return drafts;
    }

    /**
     * The draft last written for a record, and what it was written from. A draft depends on its record
     * (type, anchor, values, order lines), on the window only through its anchor message (inside the
     * window as long as the record is held: a record whose anchor leaves makes the reader start again),
     * and on the other records only through the name a customer gave in one of them
     * ({@link DraftWriter#nameSaid}). A record read again from a later start is a new object that often
     * holds the same: its draft is the same too, and the same instance lets the record service pass
     * over it at once.
     */
    private static final class Written {

        final OpenRecord record;
        final int version;
        final CompiledType type;
        final Map<String, Slot> slots;
        final List<ItemParser.Item> items;
        final Slot itemsSource;
        final Slot name;
        final RecordDraft draft;

        Written(OpenRecord record, Slot name, RecordDraft draft) {
            this.record = record;
            this.version = record.version();
            this.type = record.type;
            this.slots = Map.copyOf(record.slots);
            this.items = List.copyOf(record.items);
            this.itemsSource = record.itemsSource;
            this.name = name;
            this.draft = draft;
        }

        /** The same draft, now for an equal record (read again) or the same one changed back. */
        Written(Written same, OpenRecord record) {
            this.record = record;
            this.version = record.version();
            this.type = same.type;
            this.slots = same.slots;
            this.items = same.items;
            this.itemsSource = same.itemsSource;
            this.name = same.name;
            this.draft = same.draft;
        }

        boolean stillFor(OpenRecord now, Slot nameNow) {
            if (!java.util.Objects.equals(name, nameNow)) {
                return false;
            }
            if (record == now && version == now.version()) {
                return true;
            }
            return type == now.type
                    && slots.equals(now.slots)
                    && items.equals(now.items)
                    && java.util.Objects.equals(itemsSource, now.itemsSource);
        }
    }

    private boolean shapedByWhatLeft(int from) {
        if (from > 0
                && read.get(from - 1).message.fromBusiness()
                && !read.get(from).message.fromBusiness()
                && ConversationReader.shapesReply(read.get(from - 1), types)) {
            return true; // the first message inside was read against a question that has left
        }
        // the messages are in time order and the window starts at a time: the messages that left it are
        // exactly those written before its first one
        java.time.Instant first = read.get(from).message.timestamp();
        for (OpenRecord record : records) {
            if (record.anchoredAt.isBefore(first)) {
                return true;
            }
        }
        return false;
    }
}
