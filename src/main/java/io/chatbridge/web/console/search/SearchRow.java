package io.chatbridge.web.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One search result: the record, its customer (name, phone and the WhatsApp id the customer page is
 * keyed by) and a one-line summary of its fields.
 */
public record SearchRow(
        String humanId,
        String type,
        String status,
        String customerName,
        String customerPhone,
        String customerId,
        String summary,
        Instant updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_IN_SUMMARY = Set.of("customer_name", "phone", "status");
    private static final int SUMMARY_FIELDS = 4;
    private static final int SUMMARY_LENGTH = 140;

    /** {@code event_date: 2026-12-14 · guests: 4 · item: table}, cut to a line. */
    static String summary(String fieldsJson) {
        try {
            JsonNode fields = JSON.readTree(fieldsJson == null ? "{}" : fieldsJson);
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
            while (it.hasNext() && parts.size() < SUMMARY_FIELDS) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!NOT_IN_SUMMARY.contains(field.getKey())
                        && !field.getValue().isNull()) {
                    JsonNode value = field.getValue();
                    parts.add(field.getKey() + ": " + (value.isValueNode() ? value.asText() : value.toString()));
                }
            }
            String line = String.join(" · ", parts);
            return line.length() <= SUMMARY_LENGTH ? line : line.substring(0, SUMMARY_LENGTH - 1) + "…";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }
}
