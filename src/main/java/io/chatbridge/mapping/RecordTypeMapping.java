package io.chatbridge.mapping;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record type as an admin described it in {@code mappings/<type>.yaml}.
 *
 * @param type record type name ({@code booking})
 * @param idPrefix prefix of human ids ({@code BK})
 * @param match how messages are recognised
 * @param fields canonical fields in file order
 * @param businessKey field names making up the business key
 * @param window how long after its last message a record still takes new details
 * @param connectors connector name to its settings, as written (the connector issues read them)
 * @param file where it was loaded from, for messages
 * @param automations confirmations, follow-up questions and reminders sent on WhatsApp
 */
public record RecordTypeMapping(
        String type,
        String idPrefix,
        MatchRules match,
        Map<String, FieldMapping> fields,
        List<String> businessKey,
        Duration window,
        Map<String, Map<String, Object>> connectors,
        String file,
        Automations automations) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(48);

    public RecordTypeMapping {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        businessKey = List.copyOf(businessKey);
        connectors = Collections.unmodifiableMap(new LinkedHashMap<>(connectors));
        automations = automations != null ? automations : Automations.NONE;
    }

    public List<String> requiredFields() {
        return fields.values().stream()
                .filter(FieldMapping::required)
                .map(FieldMapping::name)
                .toList();
    }

    /** The follow-up question for a missing field in the customer's language, if the mapping has one. */
    public java.util.Optional<String> question(String field, String language) {
        FieldMapping f = fields.get(field);
        return f == null ? java.util.Optional.empty() : f.question(language);
    }

    public RecordTypeInfo info() {
        Map<String, List<String>> owners = new LinkedHashMap<>();
        fields.values().forEach(f -> owners.put(f.name(), f.owners()));
        return new RecordTypeInfo(type, idPrefix, businessKey, owners, List.copyOf(connectors.keySet()));
    }
}
