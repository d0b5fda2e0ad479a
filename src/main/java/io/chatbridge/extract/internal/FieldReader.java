package io.chatbridge.extract.internal;

import io.chatbridge.extract.internal.CompiledType.CompiledField;
import io.chatbridge.extract.internal.Found.Kind;
import io.chatbridge.extract.normalize.Money;
import io.chatbridge.mapping.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the values found in one message to the fields of one record type. A field with cues takes a
 * value only when a cue stands next to it ("8 people") or when the business just asked for it; a
 * field without cues takes any value of its type. Old values in a correction ("not 10") are skipped.
 */
final class FieldReader {

    private FieldReader() {}

    /** Which text fields a reading reads; their patterns are the costly part of it. */
    enum Texts {
        /** None: enough to see whether a type without keywords could reach the evidence to start a record. */
        NONE,
        /**
         * Those that can change the evidence: vocabulary fields, and every text field of a type with order
         * lines (a captured text claims its words from the lines). The other values are what {@link #ALL}
         * gives; only the free-text values may be missing ({@link Reading#partial()}).
         */
        FOR_EVIDENCE,
        ALL
    }

    /** The number of {@link Texts}: a reading's question number is {@code ordering × TEXTS + texts}. */
    private static final int TEXTS = Texts.values().length;

    static Reading read(MessageFacts facts, CompiledType type, Set<String> asked, boolean ordering) {
        return read(facts, type, asked, ordering, Texts.ALL);
    }

    /** Everything a reading depends on besides the message. */
    private record Question(CompiledType type, Set<String> asked, boolean ordering, Texts texts) {}

    /** Pure in its arguments, so each message remembers its readings ({@link MessageFacts#remembered}). */
    static Reading read(MessageFacts facts, CompiledType type, Set<String> asked, boolean ordering, Texts texts) {
        if (asked.isEmpty()) { // most often: numbered, no key to build
            return facts.rememberedFor(
                    type,
                    (ordering ? TEXTS : 0) + texts.ordinal(),
                    () -> readAfresh(facts, type, asked, ordering, texts));
        }
        return facts.remembered(
                new Question(type, Set.copyOf(asked), ordering, texts),
                () -> readAfresh(facts, type, asked, ordering, texts));
    }

    private static Reading readAfresh(
            MessageFacts facts, CompiledType type, Set<String> asked, boolean ordering, Texts texts) {
        Map<String, Slot> values = new LinkedHashMap<>();
        List<int[]> claimed = new ArrayList<>();
        int evidence = 0;
        boolean partial = false;
        for (CompiledField f : type.fields) {
            if (f.mapping.type() != FieldType.TEXT || texts == Texts.NONE) {
                continue;
            }
            if (texts == Texts.FOR_EVIDENCE && f.vocabulary.isEmpty() && !type.hasItems) {
                partial = true;
                continue;
            }
            Slot s = TextFields.read(facts, f, asked.contains(f.name()));
            if (s != null) {
                values.put(f.name(), s);
                claimed.add(new int[] {s.start(), s.end()});
                evidence += f.vocabulary.isEmpty() ? 0 : 1;
            }
        }
        List<ItemParser.Item> items = List.of();
        String itemsField = null;
        for (CompiledField f : type.fields) {
            Slot s =
                    switch (f.mapping.type()) {
                        case DATE -> last(facts, Kind.DATE, f, asked);
                        case TIME -> last(facts, Kind.TIME, f, asked);
                        case INTEGER -> integer(facts, f, asked);
                        case MONEY, DECIMAL -> money(facts, f, asked);
                        case PHONE -> last(facts, Kind.PHONE, f, asked);
                        case EMAIL -> last(facts, Kind.EMAIL, f, asked);
                        case REFERENCE -> last(facts, Kind.REFERENCE, f, asked);
                        case ENUM -> TextFields.vocabulary(facts, f);
                        default -> null;
                    };
            if (f.mapping.type() == FieldType.ITEM_LIST) {
                items = unclaimed(ItemParser.parse(facts, ordering || asked.contains(f.name())), claimed);
                itemsField = items.isEmpty() ? null : f.name();
                evidence += items.isEmpty() ? 0 : items.stream().anyMatch(i -> !i.article()) ? 3 : 1;
            }
            if (s != null) {
                values.put(f.name(), s);
                evidence += weight(f.mapping.type());
            }
        }
        currency(type, values);
        return new Reading(java.util.Collections.unmodifiableMap(values), items, itemsField, evidence, partial);
    }

    private static int weight(FieldType type) {
        return switch (type) {
            case REFERENCE -> 2;
            case DATE, TIME, INTEGER, MONEY, DECIMAL, ENUM -> 1;
            default -> 0;
        };
    }

    private static List<ItemParser.Item> unclaimed(List<ItemParser.Item> items, List<int[]> claimed) {
        return items.stream()
                .filter(i -> claimed.stream().noneMatch(c -> i.start() < c[1] && c[0] < i.end()))
                .toList();
    }

    /** The last value of a kind that is not negated, if the field's cues (when it has any) allow it. */
    private static Slot last(MessageFacts facts, Kind kind, CompiledField f, Set<String> asked) {
        Slot slot = null;
        for (Found found : facts.found(kind)) {
            if (!found.negated() && allowed(facts, f, found, asked)) {
                slot = new Slot(
                        afternoon(found, facts),
                        facts.message.messageId(),
                        found.start(),
                        found.end(),
                        found.confidence() * 0.95);
            }
        }
        return slot;
    }

    /** A guessed bare hour from 1 to 7 ("half past 2") is in the afternoon: nobody books 2:30 at night. */
    private static Object afternoon(Found found, MessageFacts facts) {
        if (found.value() instanceof LocalTime t
                && found.confidence() < 0.8
                && t.getHour() >= 1
                && (t.getHour() <= 7
                        || (t.getHour() < 12
                                && Lexicon.EVENING.matcher(facts.folded).find()))) {
            return t.plusHours(12);
        }
        return found.value();
    }

    private static boolean allowed(MessageFacts facts, CompiledField f, Found found, Set<String> asked) {
        return f.cues == null
                || f.cuedAt(facts, found.start(), found.end())
                || (asked.contains(f.name()) && facts.shortAnswer());
    }

    private static Slot integer(MessageFacts facts, CompiledField f, Set<String> asked) {
        Slot slot = null;
        for (Found found : facts.found(Kind.QUANTITY)) {
            int n = (Integer) found.value();
            if (found.negated() || !inRange(f, BigDecimal.valueOf(n))) {
                continue;
            }
            boolean article = Lexicon.ITEM_ARTICLES.contains(facts.folded.substring(found.start(), found.end()));
            if (article && f.cuedAt(facts, found.start(), found.end())) {
                // "para una fiesta", "one guest is vegetarian": a guess that never overrides a real count
                slot = slot != null ? slot : new Slot(n, facts.message.messageId(), found.start(), found.end(), 0.5);
            } else if (f.cues == null || f.cuedAt(facts, found.start(), found.end())) {
                slot = new Slot(n, facts.message.messageId(), found.start(), found.end(), found.confidence() * 0.95);
            } else if (asked.contains(f.name()) && facts.shortAnswer()) {
                slot = new Slot(n, facts.message.messageId(), found.start(), found.end(), found.confidence() * 0.85);
            }
        }
        return slot;
    }

    private static Slot money(MessageFacts facts, CompiledField f, Set<String> asked) {
        Slot slot = null;
        for (Found found : facts.found(Kind.MONEY)) {
            Money money = (Money) found.value();
            boolean cued = f.cuedAt(facts, found.start(), found.end());
            boolean needsCue = f.cues != null || money.currency() == null;
            if (found.negated() || !inRange(f, money.amount()) || (needsCue && !cued && !asked.contains(f.name()))) {
                continue;
            }
            slot = new Slot(money, facts.message.messageId(), found.start(), found.end(), found.confidence() * 0.95);
        }
        return slot;
    }

    private static boolean inRange(CompiledField f, BigDecimal n) {
        return f.constraints.allows(n);
    }

    /** A currency field takes the currency written next to the money the message gave. */
    private static void currency(CompiledType type, Map<String, Slot> values) {
        for (CompiledField f : type.fieldsOf(FieldType.CURRENCY)) {
            for (Slot s : List.copyOf(values.values())) {
                if (s.value() instanceof Money m && m.currency() != null) {
                    values.put(f.name(), new Slot(m.currency(), s.messageId(), s.start(), s.end(), s.confidence()));
                }
            }
        }
    }

    static String render(Object value) {
        if (value instanceof Money m) {
            return m.amount().toPlainString();
        }
        if (value instanceof LocalDate || value instanceof LocalTime) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    static boolean sameValue(Slot a, Slot b) {
        return a != null && b != null && render(a.value()).equals(render(b.value()));
    }
}
