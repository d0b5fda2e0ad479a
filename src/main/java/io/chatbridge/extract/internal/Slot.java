package io.chatbridge.extract.internal;

/** A field value with where it came from and how sure we are. */
record Slot(Object value, String messageId, int start, int end, double confidence) {}
