package io.chatbridge.extract.internal;

import io.chatbridge.extract.internal.ItemParser.Item;
import io.chatbridge.mapping.FieldMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A record being filled while the conversation is read: its values so far and when it last changed. */
final class OpenRecord {

    final CompiledType type;
    final String anchorMessageId;
    /** When the anchor message was written: the record leaves a window that starts after it. */
    final Instant anchoredAt;

    final Map<String, Slot> slots = new LinkedHashMap<>();
    final List<Item> items = new ArrayList<>();
    Slot itemsSource;
    Instant lastTouched;
    /**
     * Counts the changes to what this record holds, so that a session can keep the draft it wrote until
     * the record changes again; every change goes through {@link #apply} or {@link #offer}.
     */
    private int version;

    OpenRecord(CompiledType type, String anchorMessageId, Instant at) {
        this.type = type;
        this.anchorMessageId = anchorMessageId;
        this.anchoredAt = at;
        this.lastTouched = at;
    }

    int version() {
        return version;
    }

    /** Sets a value that no message of the customer gave (a date the business offered). */
    void offer(String field, Slot slot) {
        slots.put(field, slot);
        version++;
    }

    boolean isOpenAt(Instant at) {
        return !at.isAfter(lastTouched.plus(type.mapping.window()));
    }

    /** Required fields with no value and no fallback that could supply one. */
    boolean lacksRequired() {
        for (FieldMapping f : type.mapping.fields().values()) {
            if (f.required() && f.fallback() == null && !has(f.name())) {
                return true;
            }
        }
        return false;
    }

    boolean has(String field) {
        return slots.containsKey(field) || (itemsSource != null && field.equals(itemsField()));
    }

    String itemsField() {
        return type.fieldsOf(io.chatbridge.mapping.FieldType.ITEM_LIST).stream()
                .findFirst()
                .map(CompiledType.CompiledField::name)
                .orElse(null);
    }

    /** Applies a reading: later values win; order lines with a known name replace its quantity. */
    void apply(Reading reading, MessageFacts facts) {
        version++;
        correctBareNumber(facts);
        reading.values().forEach((field, slot) -> {
            Slot old = slots.get(field);
            Slot fresh = eveningLikeBefore(old, slot);
            if (old == null || facts.correction || fresh.confidence() >= old.confidence() * 0.9) {
                slots.put(field, fresh);
            }
        });
        for (Item item : reading.items()) {
            mergeItem(item);
        }
        if (!reading.items().isEmpty()) {
            Item first = reading.items().get(0);
            Item last = reading.items().get(reading.items().size() - 1);
            double confidence =
                    reading.items().stream().mapToDouble(Item::confidence).min().orElse(0.5);
            itemsSource = new Slot(null, facts.message.messageId(), first.start(), last.end(), confidence);
        }
        lastTouched = facts.message.timestamp();
    }

    /** A line for something already ordered replaces its quantity ("2 loaves" after "3 loaves of sourdough"). */
    private void mergeItem(Item item) {
        for (int i = 0; i < items.size(); i++) {
            Item existing = items.get(i);
            if (existing.name().equals(item.name()) || existing.name().startsWith(item.name() + " ")) {
                items.set(
                        i,
                        new Item(
                                existing.name(),
                                item.quantity(),
                                item.start(),
                                item.end(),
                                item.confidence(),
                                item.article()));
                return;
            }
            if (item.name().startsWith(existing.name() + " ")) {
                items.set(i, item);
                return;
            }
        }
        items.add(item);
    }

    /** "9:30 works" after "9pm" is 21:30: a guessed morning hour follows an evening time already agreed. */
    private static Slot eveningLikeBefore(Slot old, Slot fresh) {
        if (old != null
                && old.value() instanceof java.time.LocalTime before
                && fresh.value() instanceof java.time.LocalTime t
                && before.getHour() >= 12
                && t.getHour() < 12
                && fresh.confidence() < 0.8) {
            return new Slot(t.plusHours(12), fresh.messageId(), fresh.start(), fresh.end(), fresh.confidence());
        }
        return fresh;
    }

    /** "make it 12 not 10": whatever holds 10 now holds 12. */
    private void correctBareNumber(MessageFacts facts) {
        if (!facts.correction) {
            return;
        }
        Found old = null;
        Found fresh = null;
        for (Found f : facts.found(Found.Kind.QUANTITY)) {
            if (f.negated()) {
                old = f;
            } else {
                fresh = f;
            }
        }
        if (old == null || fresh == null) {
            return;
        }
        Object from = old.value();
        Found now = fresh;
        int to = (Integer) now.value();
        Slot replacement = new Slot(to, facts.message.messageId(), now.start(), now.end(), now.confidence() * 0.9);
        slots.replaceAll((name, slot) -> from.equals(slot.value()) ? replacement : slot);
        boolean changed = items.stream().anyMatch(i -> from.equals(i.quantity()));
        items.replaceAll(i ->
                from.equals(i.quantity()) ? new Item(i.name(), to, now.start(), now.end(), i.confidence(), false) : i);
        if (changed) {
            itemsSource = new Slot(null, facts.message.messageId(), now.start(), now.end(), 0.85);
        }
    }

    boolean holdsQuantity(Object value) {
        return slots.values().stream().anyMatch(s -> value.equals(s.value()))
                || items.stream().anyMatch(i -> value.equals(i.quantity()));
    }
}
