package io.chatbridge.ingest;

import java.time.Instant;

/** A stored inbound payload waiting to be normalised. */
public record InboxRow(long id, String channel, byte[] raw, Instant receivedAt, int attempts) {}
