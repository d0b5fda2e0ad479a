package io.chatbridge.extract;

/**
 * Where a field value came from: a message and the character span {@code [start, end)} of its text.
 */
public record FieldSource(String messageId, int start, int end) {}
