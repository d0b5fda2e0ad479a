package io.chatbridge.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.RecordTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges a draft into a record's fields, sources and confidence under field ownership: a field chat does
 * not own keeps a value someone else set, and the refusal becomes a conflict. One place for the rule, so
 * the one-draft upsert (webhooks) and the batched one (imports) decide alike.
 */
final class DraftMerge {

    /** A refused change, written to {@code record_conflict}. */
    record Conflict(String field, String owner, JsonNode current, JsonNode proposed) {}

    record Result(List<FieldChange> applied, List<Conflict> conflicts) {

        List<String> conflictFields() {
            return conflicts.stream().map(Conflict::field).toList();
        }
    }

    private DraftMerge() {}

    /** Changes {@code fields}, {@code sources} and {@code confidence} in place. */
    static Result merge(
            RecordTypeInfo info,
            ObjectNode fields,
            ObjectNode sources,
            ObjectNode confidence,
            RecordDraft draft,
            ObjectMapper json) {
        List<FieldChange> applied = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Map.Entry<String, Object> entry : draft.fields().entrySet()) {
            String field = entry.getKey();
            JsonNode proposed = json.valueToTree(entry.getValue());
            JsonNode current = fields.has(field) ? fields.get(field) : NullNode.getInstance();
            if (current.equals(proposed)) {
                continue;
            }
            if (!info.isOwnedBy(field, RecordService.ORIGIN_CHAT) && !current.isNull()) {
                conflicts.add(new Conflict(field, info.ownerOf(field), current, proposed));
                continue;
            }
            fields.set(field, proposed);
            if (draft.sources().containsKey(field)) {
                sources.set(field, json.valueToTree(draft.sources().get(field)));
            }
            if (draft.confidence().containsKey(field)) {
                confidence.put(field, draft.confidence().get(field));
            }
            applied.add(new FieldChange(field, current, proposed));
        }
        return new Result(applied, conflicts);
    }

    /** Every field of a new record, as changes from nothing. */
    static List<FieldChange> created(ObjectNode fields) {
        List<FieldChange> applied = new ArrayList<>();
        fields.fields()
                .forEachRemaining(e -> applied.add(new FieldChange(e.getKey(), NullNode.getInstance(), e.getValue())));
        return applied;
    }
}
