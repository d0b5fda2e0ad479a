package io.chatbridge.record;

import com.fasterxml.jackson.databind.JsonNode;

/** One field's old and new value, as {@code record_change} stores it. */
record FieldChange(String field, JsonNode oldValue, JsonNode newValue) {}
