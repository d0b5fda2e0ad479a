package io.chatbridge.outbox;

/** A delivery a worker holds the lease of. */
record ClaimedDelivery(long id, long recordId, int version, int attempts) {}
