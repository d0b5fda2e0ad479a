package io.chatbridge.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A record as the API and the console show it: fields, provenance, history and source messages. */
public record RecordView(
        long id,
        String humanId,
        String type,
        String status,
        int version,
        boolean complete,
        List<String> missing,
        String businessKey,
        String conversationId,
        String customerPhone,
        Map<String, Object> fields,
        Map<String, Object> sources,
        Map<String, Object> confidence,
        Instant createdAt,
        Instant updatedAt,
        List<Change> history,
        List<SourceMessage> sourceMessages) {

    public record Change(
            int version,
            String field,
            Object oldValue,
            Object newValue,
            String origin,
            String cause,
            Instant changedAt) {}

    public record SourceMessage(String messageId, Instant sentAt, String text) {}
}
