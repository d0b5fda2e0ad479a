package io.chatbridge.record;

import java.time.Instant;
import java.util.Set;

/**
 * Published inside the transaction that changed a record, so that listeners (the outbox) write in
 * the same transaction: a record change and its deliveries commit together or not at all.
 *
 * @param origin the side the change came from ({@code chat}, {@code sheets}, {@code admin}, …); the
 *     outbox never echoes a change back to its origin
 * @param fields the fields that changed ({@code status} included when the status changed)
 * @param historyUntil for a change read from imported history: when the conversation's newest message
 *     was sent, so automations can tell a years-old chat from a live one without a query; null for live
 *     changes (webhooks, connectors, admins)
 */
public record RecordChanged(
        long recordId,
        String humanId,
        String type,
        int version,
        String origin,
        Set<String> fields,
        boolean complete,
        Instant historyUntil) {

    public RecordChanged(
            long recordId,
            String humanId,
            String type,
            int version,
            String origin,
            Set<String> fields,
            boolean complete) {
        this(recordId, humanId, type, version, origin, fields, complete, null);
    }

    /** Imported history whose conversation went quiet before {@code cutoff}: nobody to talk to about it now. */
    public boolean historicBefore(Instant cutoff) {
        return historyUntil != null && historyUntil.isBefore(cutoff);
    }
}
