package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.internal.CompiledType.CompiledField;
import io.chatbridge.extract.internal.FieldReader.Texts;
import io.chatbridge.extract.normalize.NormalizeContext;
import io.chatbridge.mapping.BusinessProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a conversation message by message. A message that names a record type (keywords) or carries
 * enough details of one starts or updates a record of that type; other messages fill in the most
 * recent open record that can use what they say. Business messages are never a source, but what the
 * business just asked ("for how many people?") tells how to read the customer's short reply.
 */
final class ConversationReader {

    private final List<CompiledType> types;
    private final BusinessProfile business;
    private final FactsCache facts;
    private final List<OpenRecord> records = new ArrayList<>();
    private MessageFacts lastQuestion;
    private java.time.Instant now;

    ConversationReader(List<CompiledType> types, BusinessProfile business, FactsCache facts) {
        this.types = types;
        this.business = business;
        this.facts = facts;
    }

    List<OpenRecord> read(List<ChatMessage> messages) {
        return readFacts(messages.stream().map(m -> factsOf(facts, business, m)).toList());
    }

    /** What the normalisers found in a message, in a business's settings. */
    static MessageFacts factsOf(FactsCache facts, BusinessProfile business, ChatMessage message) {
        return facts.facts(message, contextOf(business, message));
    }

    static NormalizeContext contextOf(BusinessProfile business, ChatMessage message) {
        return new NormalizeContext(
                message.timestamp().atZone(business.zone()),
                business.locale(),
                business.currency(),
                business.languages());
    }

    /** Reads messages whose facts the caller already holds ({@link #factsOf}), oldest first. */
    List<OpenRecord> readFacts(List<MessageFacts> messages) {
        for (MessageFacts read : messages) {
            ChatMessage message = read.message;
            if (message.fromBusiness()) {
                lastQuestion = read;
            } else {
                readCustomer(read);
                lastQuestion = null;
            }
        }
        return records;
    }

    private void readCustomer(MessageFacts facts) {
        now = facts.message.timestamp();
        if (facts.smallTalk || facts.words.isEmpty()) {
            return;
        }
        Candidate start = bestStart(facts);
        OpenRecord touched = null;
        if (start != null && start.reading.partial()) {
            Reading full = FieldReader.read(facts, start.type, asked(start.type), start.hits > 0);
            start = new Candidate(start.type, full, start.score, start.hits);
        }
        if (start != null) {
            touched = target(start, facts);
            touched.apply(start.reading, facts);
        } else if (!facts.enquiry || facts.correction) {
            touched = continueOpenRecord(facts);
        }
        if (touched != null && lastQuestion != null) {
            acceptProposedDate(touched);
        }
    }

    /**
     * "We have Saturday at 11 or 3" … "3 please": the customer took the day the business offered. Only a
     * date, only when the record still has none, and only when the business offered exactly one.
     */
    private void acceptProposedDate(OpenRecord record) {
        List<Found> dates = lastQuestion.found(Found.Kind.DATE);
        if (dates.size() != 1) {
            return;
        }
        Found offered = dates.get(0);
        for (CompiledField f : record.type.fieldsOf(io.chatbridge.mapping.FieldType.DATE)) {
            if (!record.has(f.name()) && f.mapping.fallback() == null) {
                record.offer(
                        f.name(),
                        new Slot(
                                offered.value(),
                                lastQuestion.message.messageId(),
                                offered.start(),
                                offered.end(),
                                offered.confidence() * 0.75));
            }
        }
    }

    private record Candidate(CompiledType type, Reading reading, int score, int hits) {}

    private Candidate bestStart(MessageFacts facts) {
        Candidate best = null;
        for (CompiledType type : types) {
            int hits = type.keywordHits(facts);
            if (hits == 0
                    && FieldReader.read(facts, type, asked(type), false, Texts.NONE)
                                    .evidence()
                            < 2) {
                continue; // without keywords it needs evidence 3, and text adds at most 1
            }
            Reading reading = FieldReader.read(facts, type, asked(type), hits > 0, Texts.FOR_EVIDENCE);
            int evidence = reading.evidence();
            boolean asking = type.excluded(facts) || facts.enquiry;
            boolean eligible = (hits > 0 || evidence >= 3) && (!asking || (evidence >= 3 && when(reading)));
            int score = hits * 3 + evidence;
            if (eligible
                    && (best == null
                            || score > best.score
                            || (score == best.score && open(type) != null && open(best.type) == null))) {
                best = new Candidate(type, reading, score, hits);
            }
        }
        return best;
    }

    /** An enquiry starts a record only when it also says when ("a table for 4 tomorrow at 8?"). */
    private static boolean when(Reading reading) {
        return reading.values().values().stream()
                .anyMatch(s -> s.value() instanceof java.time.LocalDate || s.value() instanceof java.time.LocalTime);
    }

    private OpenRecord target(Candidate start, MessageFacts facts) {
        OpenRecord open = open(start.type);
        boolean named = start.hits > 0 && !facts.correction;
        boolean fresh = open == null
                || (named && facts.another)
                || (named && !open.lacksRequired() && changesKey(open, start.reading));
        if (fresh) {
            open = new OpenRecord(start.type, facts.message.messageId(), facts.message.timestamp());
            records.add(open);
        }
        return open;
    }

    /** A complete record hearing a different date (or other key value) is a second record, not an edit. */
    private static boolean changesKey(OpenRecord open, Reading reading) {
        for (String key : open.type.mapping.businessKey()) {
            Slot now = open.slots.get(key);
            Slot heard = reading.values().get(key);
            if (now != null && heard != null && !FieldReader.sameValue(now, heard)) {
                return true;
            }
        }
        return false;
    }

    private OpenRecord continueOpenRecord(MessageFacts facts) {
        OpenRecord chosen = null;
        Reading chosenReading = null;
        for (int i = records.size() - 1; i >= 0; i--) {
            OpenRecord record = records.get(i);
            if (!record.isOpenAt(facts.message.timestamp())) {
                continue;
            }
            Reading reading = FieldReader.read(facts, record.type, asked(record.type), facts.another);
            if (reading.isEmpty() && !(facts.correction && negatedQuantityHeldBy(facts, record))) {
                continue;
            }
            if (fillsGap(record, reading) || facts.correction) {
                record.apply(reading, facts);
                return record;
            }
            if (chosen == null) {
                chosen = record;
                chosenReading = reading;
            }
        }
        if (chosen != null) {
            chosen.apply(chosenReading, facts);
        }
        return chosen;
    }

    private static boolean negatedQuantityHeldBy(MessageFacts facts, OpenRecord record) {
        return facts.found(Found.Kind.QUANTITY).stream().anyMatch(f -> f.negated() && record.holdsQuantity(f.value()));
    }

    private static boolean fillsGap(OpenRecord record, Reading reading) {
        if (!reading.items().isEmpty() && !record.has(reading.itemsField())) {
            return true;
        }
        return reading.values().keySet().stream().anyMatch(f -> !record.has(f));
    }

    private OpenRecord open(CompiledType type) {
        for (int i = records.size() - 1; i >= 0; i--) {
            OpenRecord r = records.get(i);
            if (r.type == type && r.isOpenAt(now)) {
                return r;
            }
        }
        return null;
    }

    /** Fields of a type the business asked about in its last message before this customer message. */
    private Set<String> asked(CompiledType type) {
        return lastQuestion == null ? Set.of() : asked(lastQuestion, type);
    }

    private static Set<String> asked(MessageFacts question, CompiledType type) {
        return question.rememberedFor(type, CompiledType.ASKED, () -> {
            Set<String> asked = new HashSet<>();
            for (CompiledField f : type.fields) {
                if (f.askedIn(question)) {
                    asked.add(f.name());
                }
            }
            return Set.copyOf(asked);
        });
    }

    /**
     * Whether a business message changes how the customer message right after it reads: it does only when
     * it asks about a field of some type or offers exactly one day ({@link #acceptProposedDate}). Otherwise
     * the reply reads as if nothing had been asked before it.
     */
    static boolean shapesReply(MessageFacts question, List<CompiledType> types) {
        if (question.found(Found.Kind.DATE).size() == 1) {
            return true;
        }
        for (CompiledType type : types) {
            if (!asked(question, type).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
