package io.chatbridge.record;

import java.util.Set;

/**
 * Published inside the transaction that changed a record, so that listeners (the outbox) write in
 * the same transaction: a record change and its deliveries commit together or not at all.
 *
 * @param origin the side the change came from ({@code chat}, {@code sheets}, {@code admin}, …); the
 *     outbox never echoes a change back to its origin
 * @param fields the fields that changed ({@code status} included when the status changed)
 */
public record RecordChanged(
        long recordId, String humanId, String type, int version, String origin, Set<String> fields, boolean complete) {}
