package io.chatbridge.cli;

import io.chatbridge.extract.FieldSource;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One output line of {@code extract}: fields in mapping order, a human id per type in order of appearance. */
final class RecordJson {

    private final MappingSet mappings;
    private final Map<String, Integer> counters = new HashMap<>();

    RecordJson(MappingSet mappings) {
        this.mappings = mappings;
    }

    Map<String, Object> toJson(String conversation, RecordDraft draft) {
        RecordTypeMapping type = mappings.type(draft.type()).orElseThrow();
        int n = counters.merge(draft.type(), 1, Integer::sum);
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> confidence = new LinkedHashMap<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (String field : type.fields().keySet()) {
            if (draft.fields().containsKey(field)) {
                fields.put(field, draft.fields().get(field));
                confidence.put(field, draft.confidence().get(field));
                FieldSource s = draft.sources().get(field);
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("field", field);
                source.put("message", s.messageId());
                source.put("start", s.start());
                source.put("end", s.end());
                sources.add(source);
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("conversation", conversation);
        line.put("type", draft.type());
        line.put("id", String.format("%s-%04d", type.idPrefix(), n));
        line.put("status", draft.complete() ? "complete" : "incomplete");
        line.put("fields", fields);
        line.put("confidence", confidence);
        line.put("sources", sources);
        line.put("missing", draft.missing());
        return line;
    }
}
