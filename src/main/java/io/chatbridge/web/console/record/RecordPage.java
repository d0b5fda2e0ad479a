package io.chatbridge.web.console.record;

import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.RecordTypeMapping;
import io.chatbridge.outbox.Delivery;
import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordView;
import io.chatbridge.web.console.ConsoleAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the record page shows: each field with where it came from (the message and the span of
 * its text) and how sure extraction was, the change history, open conflicts, deliveries per sink and
 * who edited it in the console.
 */
record RecordPage(
        RecordView record,
        String customerId,
        List<FieldRow> fields,
        List<RecordView.Change> history,
        List<Conflict> conflicts,
        List<Delivery> deliveries,
        List<ConsoleAudit.Entry> audit) {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Characters of message text shown either side of a field's span. */
    static final int CONTEXT = 60;

    /** One field: value, type, owners, and its provenance when extraction found it in a message. */
    record FieldRow(
            String name,
            String value,
            String type,
            String owners,
            Double confidence,
            String sourceMessageId,
            Instant sourceSentAt,
            String before,
            String span,
            String after,
            String changedBy) {

        public boolean hasSource() {
            return span != null && changedBy == null;
        }

        FieldRow changedBy(String who) {
            return new FieldRow(
                    name, value, type, owners, null, sourceMessageId, sourceSentAt, before, span, after, who);
        }
    }

    /** A change from a side that does not own the field: kept, not applied. */
    record Conflict(
            String field,
            String owner,
            String origin,
            String current,
            String proposed,
            String cause,
            Instant at,
            boolean resolved) {}

    /** The change history, newest first. */
    static List<RecordView.Change> newestFirst(List<RecordView.Change> history) {
        List<RecordView.Change> reversed = new ArrayList<>(history);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    static List<FieldRow> fieldRows(RecordView record, Optional<RecordTypeMapping> mapping) {
        Set<String> names = new LinkedHashSet<>();
        mapping.ifPresent(m -> names.addAll(m.fields().keySet()));
        names.addAll(record.fields().keySet());
        List<FieldRow> rows = new ArrayList<>();
        rows.add(new FieldRow(
                "status",
                record.status(),
                "text",
                owners(mapping, "status"),
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        for (String name : names) {
            if (!"status".equals(name)) {
                rows.add(
                        row(record, name, mapping.map(m -> m.fields().get(name)).orElse(null), owners(mapping, name)));
            }
        }
        return rows.stream().map(r -> withSetter(r, record.history())).toList();
    }

    /**
     * A field last set by someone other than the chat (a console user, the sheet, the CRM…) no longer
     * comes from the message extraction found it in: say who set it instead of showing that message.
     */
    private static FieldRow withSetter(FieldRow row, List<RecordView.Change> history) {
        RecordView.Change last = null;
        for (RecordView.Change change : history) {
            if (change.field().equals(row.name()) && (last == null || change.version() >= last.version())) {
                last = change;
            }
        }
        if (last == null || RecordService.ORIGIN_CHAT.equals(last.origin())) {
            return row;
        }
        String cause = last.cause() == null ? "" : last.cause();
        return row.changedBy(cause.startsWith("console:") ? cause.substring("console:".length()) : last.origin());
    }

    private static FieldRow row(RecordView record, String name, FieldMapping field, String owners) {
        Object value = record.fields().get(name);
        Double confidence = record.confidence().get(name) instanceof Number n ? n.doubleValue() : null;
        String type = field == null ? "" : field.type().yamlName();
        if (!(record.sources().get(name) instanceof Map<?, ?> source) || source.get("messageId") == null) {
            return new FieldRow(name, display(value), type, owners, confidence, null, null, null, null, null, null);
        }
        String messageId = source.get("messageId").toString();
        Optional<RecordView.SourceMessage> message = record.sourceMessages().stream()
                .filter(m -> m.messageId().equals(messageId))
                .findFirst();
        String text = message.map(RecordView.SourceMessage::text).orElse(null);
        int start = number(source.get("start"));
        int end = number(source.get("end"));
        if (text == null || start < 0 || end > text.length() || start >= end) {
            // an empty span: the value was not written in the message (profile name, the sender's number)
            return new FieldRow(
                    name, display(value), type, owners, confidence, messageId, null, null, null, null, null);
        }
        return new FieldRow(
                name,
                display(value),
                type,
                owners,
                confidence,
                messageId,
                message.get().sentAt(),
                (start > CONTEXT ? "…" : "") + text.substring(Math.max(0, start - CONTEXT), start),
                text.substring(start, end),
                text.substring(end, Math.min(text.length(), end + CONTEXT))
                        + (end + CONTEXT < text.length() ? "…" : ""),
                null);
    }

    private static String owners(Optional<RecordTypeMapping> mapping, String field) {
        return mapping.map(m -> m.info().ownerOf(field)).orElse("chat");
    }

    static String display(Object value) {
        if (value == null || value instanceof String) {
            return value == null ? "" : (String) value;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return value.toString();
        }
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : -1;
    }
}
