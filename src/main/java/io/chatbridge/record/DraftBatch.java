package io.chatbridge.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.RecordTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies the drafts of one conversation in memory, in order, with exactly the decisions of
 * {@link RecordService#applyDraft} one by one (found by anchor, then by business key, else created; a
 * corrected key moves unless another record holds it; ownership via {@link DraftMerge}), so that the
 * caller can write the outcome in a few set-based statements instead of several queries per draft.
 */
final class DraftBatch {

    /** A record as the batch sees it: loaded and locked, or new; written once at the end. */
    static final class Working {
        Long id;
        String humanId;
        final String type;
        final String anchor;
        String businessKey;
        final ObjectNode fields;
        final ObjectNode sources;
        final ObjectNode confidence;
        boolean complete;
        JsonNode missing;
        int version;
        final boolean created;
        /** Changes made by this batch, to tell whether a repeated draft could still change anything. */
        int changes;
        /**
         * The texts of the messages its fields came from, for the console search; null when the caller
         * did not hold them all (the row trigger then looks them up).
         */
        String sourceText;

        Working(StoredRecord stored) {
            this.id = stored.id();
            this.humanId = stored.humanId();
            this.type = stored.type();
            this.anchor = null;
            this.businessKey = stored.businessKey();
            this.fields = stored.fields();
            this.sources = stored.sources();
            this.confidence = stored.confidence();
            this.complete = stored.complete();
            this.version = stored.version();
            this.created = false;
        }

        Working(RecordDraft draft, ObjectMapper json) {
            this.type = draft.type();
            this.anchor = draft.anchorMessageId();
            this.businessKey = draft.businessKey();
            this.fields = json.valueToTree(draft.fields());
            this.sources = json.valueToTree(draft.sources());
            this.confidence = json.valueToTree(draft.confidence());
            this.complete = draft.complete();
            this.missing = json.valueToTree(draft.missing());
            this.version = 1;
            this.created = true;
        }
    }

    /** One version of one record, as {@code record_change} and {@link RecordChanged} describe it. */
    record Change(Working record, int version, List<FieldChange> applied, boolean complete, String cause) {}

    record Refused(Working record, DraftMerge.Conflict conflict, String cause) {}

    /** The last draft applied for an anchor, the record it went to, and that record's change count then. */
    private record Applied(RecordDraft draft, Working record, int changes) {}

    private final ObjectMapper json;
    private final Function<String, RecordTypeInfo> types;
    private final Map<String, Working> byAnchor = new HashMap<>();
    private final Map<String, Working> byKey = new HashMap<>();
    private final List<Working> created = new ArrayList<>();
    private final Set<Working> updated = new LinkedHashSet<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();
    private final Map<String, Applied> lastApplied = new HashMap<>();

    DraftBatch(ObjectMapper json, Function<String, RecordTypeInfo> types) {
        this.json = json;
        this.types = types;
    }

    /** The conversation's records found by anchor, and any record holding one of the drafts' keys. */
    void load(Map<String, StoredRecord> anchored, List<StoredRecord> keyed) {
        Map<Long, Working> loaded = new HashMap<>();
        anchored.forEach((anchorKey, stored) ->
                byAnchor.put(anchorKey, loaded.computeIfAbsent(stored.id(), id -> new Working(stored))));
        for (StoredRecord stored : keyed) {
            byKey.put(
                    key(stored.type(), stored.businessKey()),
                    loaded.computeIfAbsent(stored.id(), id -> new Working(stored)));
        }
    }

    static String key(String type, String value) {
        return type + '\u0000' + value;
    }

    /**
     * Applies one draft as {@link RecordService#applyDraft} would. A draft equal to the last one of its
     * anchor is passed over when that draft's record has not changed since: the look-up would find the
     * same record and the merge would change nothing.
     */
    void apply(RecordDraft draft, String cause) {
        String anchorKey = key(draft.type(), draft.anchorMessageId());
        Applied last = lastApplied.get(anchorKey);
        if (last != null
                && last.record().changes == last.changes()
                && (last.draft() == draft || last.draft().equals(draft))) { // a session hands the same draft again
            return;
        }
        Working record = byAnchor.get(anchorKey);
        if (record == null && draft.businessKey() != null) {
            record = byKey.get(key(draft.type(), draft.businessKey()));
        }
        if (record == null) {
            record = create(draft, cause);
        } else {
            update(record, draft, cause);
        }
        lastApplied.put(anchorKey, new Applied(draft, record, record.changes));
    }

    private Working create(RecordDraft draft, String cause) {
        Working record = new Working(draft, json);
        byAnchor.put(key(record.type, record.anchor), record);
        if (record.businessKey != null) {
            byKey.put(key(record.type, record.businessKey), record);
        }
        created.add(record);
        changes.add(new Change(record, 1, DraftMerge.created(record.fields.deepCopy()), draft.complete(), cause));
        return record;
    }

    private void update(Working record, RecordDraft draft, String cause) {
        RecordTypeInfo info = types.apply(record.type);
        DraftMerge.Result merged =
                DraftMerge.merge(info, record.fields, record.sources, record.confidence, draft, json);
        merged.conflicts().forEach(c -> refused.add(new Refused(record, c, cause)));
        if (merged.applied().isEmpty() && draft.complete() == record.complete) {
            return;
        }
        moveKey(record, draft.businessKey());
        record.version++;
        record.changes++;
        record.complete = draft.complete();
        record.missing = json.valueToTree(draft.missing());
        if (!record.created) {
            updated.remove(record); // written in the order of their last change: a key one frees, another takes
            updated.add(record);
        }
        changes.add(new Change(record, record.version, merged.applied(), draft.complete(), cause));
    }

    /** A corrected key moves with the record, unless another record already holds the new key. */
    private void moveKey(Working record, String proposed) {
        if (proposed == null || proposed.equals(record.businessKey)) {
            return;
        }
        Working holder = byKey.get(key(record.type, proposed));
        if (holder != null && holder != record) {
            return;
        }
        if (record.businessKey != null && byKey.get(key(record.type, record.businessKey)) == record) {
            byKey.remove(key(record.type, record.businessKey));
        }
        record.businessKey = proposed;
        byKey.put(key(record.type, proposed), record);
    }

    List<Working> created() {
        return created;
    }

    List<Working> updated() {
        return List.copyOf(updated);
    }

    List<Change> changes() {
        return changes;
    }

    List<Refused> refused() {
        return refused;
    }

    /** New records per type, in creation order, to number them as one-by-one creation would. */
    Map<String, List<Working>> createdByType() {
        Map<String, List<Working>> byType = new java.util.LinkedHashMap<>();
        created.forEach(
                w -> byType.computeIfAbsent(w.type, t -> new ArrayList<>()).add(w));
        return byType;
    }

    /**
     * Gives each new record the texts of its source messages (those its fields name, and its anchor), as
     * the search trigger of V71 would gather them; left null when one of them is not in {@code texts}.
     *
     * @param texts message text by message id (a message without text maps to null)
     */
    void sourceTexts(Map<String, String> texts) {
        for (Working record : created) {
            java.util.SortedSet<String> ids = new java.util.TreeSet<>();
            record.sources.forEach(source -> {
                if (source.isObject() && source.hasNonNull("messageId")) {
                    ids.add(source.get("messageId").asText());
                }
            });
            if (record.anchor != null) {
                ids.add(record.anchor);
            }
            record.sourceText = joined(ids, texts);
        }
    }

    private static String joined(java.util.Collection<String> ids, Map<String, String> texts) {
        java.util.StringJoiner joined = new java.util.StringJoiner(" ");
        for (String id : ids) {
            if (!texts.containsKey(id)) {
                return null;
            }
            String text = texts.get(id);
            if (text != null) {
                joined.add(text);
            }
        }
        return joined.toString();
    }
}
