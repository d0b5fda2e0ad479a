package io.chatbridge.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.mapping.RecordTypeCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory half of {@link RecordService#applyDrafts} for a conversation with no stored records yet (an
 * import into an empty database): the drafts applied in order by {@link DraftBatch}, with the search texts,
 * and no database. For benchmarks; {@link #checksum} digests every change, so a different outcome shows.
 */
public final class DraftBatchReplay {

    private final DraftBatch batch;

    private DraftBatchReplay(DraftBatch batch) {
        this.batch = batch;
    }

    public static DraftBatchReplay apply(
            ObjectMapper json,
            RecordTypeCatalog catalog,
            List<RecordService.CausedDraft> drafts,
            Map<String, String> messageTexts) {
        DraftBatch batch = new DraftBatch(json, type -> catalog.find(type).orElseThrow());
        batch.load(Map.of(), List.of());
        drafts.forEach(d -> batch.apply(d.draft(), d.cause()));
        batch.sourceTexts(messageTexts);
        return new DraftBatchReplay(batch);
    }

    public int changes() {
        return batch.changes().size();
    }

    /**
     * Every change (record, version, fields with old and new values, completeness, cause) and every new
     * record, with JSON objects and field lists in key order: a draft's maps have no fixed iteration order.
     */
    public long checksum() {
        long sum = 17;
        for (DraftBatch.Change change : batch.changes()) {
            sum = 31 * sum + (change.record().type + change.record().anchor).hashCode();
            sum = 31 * sum + change.version();
            for (FieldChange applied : change.applied().stream()
                    .sorted(Comparator.comparing(FieldChange::field))
                    .toList()) {
                sum = 31 * sum
                        + (applied.field() + '=' + sorted(applied.oldValue()) + '>' + sorted(applied.newValue()))
                                .hashCode();
            }
            sum = 31 * sum + (change.complete() ? 1 : 2);
            sum = 31 * sum + change.cause().hashCode();
        }
        for (DraftBatch.Working record : batch.created()) {
            sum = 31 * sum
                    + (record.businessKey
                                    + sorted(record.fields)
                                    + sorted(record.sources)
                                    + sorted(record.confidence)
                                    + sorted(record.missing)
                                    + record.sourceText)
                            .hashCode();
        }
        return sum;
    }

    private static String sorted(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return String.valueOf(node);
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(sorted(element)).append(','));
            return out.append(']').toString();
        }
        Map<String, String> byKey = new TreeMap<>();
        node.fields().forEachRemaining(e -> byKey.put(e.getKey(), sorted(e.getValue())));
        return byKey.toString();
    }
}
