package io.chatbridge.connector.hubspot;

import io.chatbridge.record.RecordSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HubSpot properties a record becomes: its contact's and its deal's, as text. */
class DealProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    Map<String, String> contactProperties(HubSpotBinding binding, RecordSnapshot record, String waId) {
        Map<String, String> properties = new LinkedHashMap<>();
        binding.contactProperties().forEach((property, field) -> put(properties, property, value(record, field)));
        properties.put(binding.contactIdProperty(), waId);
        return properties;
    }

    Map<String, String> dealProperties(HubSpotBinding binding, RecordSnapshot record, String ownerId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("dealname", dealName(binding.dealName(), record));
        properties.put("pipeline", binding.pipeline());
        put(
                properties,
                "dealstage",
                record.status() == null ? null : binding.stages().get(record.status()));
        put(properties, "hubspot_owner_id", ownerId);
        binding.dealProperties().forEach((property, field) -> put(properties, property, value(record, field)));
        properties.put(HubSpotBinding.RECORD_ID_PROPERTY, record.humanId());
        return properties;
    }

    /** {@code "{item} – {customer_name} – {event_date}"}; a missing value leaves its part empty. */
    static String dealName(String template, RecordSnapshot record) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = value(record, m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        String name = out.toString().trim();
        return name.isEmpty() ? record.humanId() : name;
    }

    static String value(RecordSnapshot record, String field) {
        Object value =
                switch (field) {
                    case "id" -> record.humanId();
                    case "status" -> record.status();
                    case "type" -> record.type();
                    default -> record.fields().get(field);
                };
        return value == null ? null : value.toString();
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
