package io.chatbridge.outbox;

/** How many deliveries a sink has in one state. */
public record DeliveryCount(String sink, String state, long count) {}
