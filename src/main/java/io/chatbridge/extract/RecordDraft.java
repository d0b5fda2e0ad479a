package io.chatbridge.extract;

import java.util.List;
import java.util.Map;

/**
 * A record as extraction understands it from a conversation window.
 *
 * <p>The pipeline finds the stored record for a draft by {@code (conversation, anchorMessageId)}
 * first, then by {@code businessKey}; so a correction that changes a key field still updates the same
 * record, and the same booking mentioned in two conversations is still one record.
 *
 * @param type record type, the mapping's name ({@code booking}, {@code order}, …)
 * @param anchorMessageId id of the message that started this record; stable across re-runs
 * @param businessKey the mapping's business key rendered as one string (e.g. {@code +4477…|2026-12-14}),
 *     or null while any key field is missing
 * @param fields canonical field values: String, Integer/Long, BigDecimal as string, List or Map for item
 *     lists; JSON-serialisable
 * @param sources provenance per field
 * @param confidence 0..1 per field
 * @param missing required fields not yet known; empty means complete
 */
public record RecordDraft(
        String type,
        String anchorMessageId,
        String businessKey,
        Map<String, Object> fields,
        Map<String, FieldSource> sources,
        Map<String, Double> confidence,
        List<String> missing) {

    public RecordDraft {
        fields = Map.copyOf(fields);
        sources = Map.copyOf(sources);
        confidence = Map.copyOf(confidence);
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
