package io.chatbridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Reading a record's jsonb fields the same way for claims and invoices: blank is absent, a bad number is absent. */
final class RecordFields {

    private RecordFields() {}

    static String text(JsonNode fields, String name) {
        JsonNode value = name == null ? null : fields.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    static BigDecimal amount(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
