package io.chatbridge.extract.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one message says for one record type: field values, order lines, and how strongly the values
 * themselves point at this type ({@code evidence}: a reference says payment, order lines say order).
 * {@code partial}: free-text fields were not read (see {@link FieldReader.Texts#FOR_EVIDENCE}).
 */
record Reading(
        Map<String, Slot> values, List<ItemParser.Item> items, String itemsField, int evidence, boolean partial) {

    static Reading empty() {
        return new Reading(new LinkedHashMap<>(), List.of(), null, 0, false);
    }

    boolean isEmpty() {
        return values.isEmpty() && items.isEmpty();
    }
}
