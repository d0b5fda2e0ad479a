package io.chatbridge.outbox;

import java.util.Map;

/**
 * The outcome of one batch: failures keyed by record id; every other record of the batch succeeded.
 */
public record SinkResult(Map<Long, SinkException> failures) {

    private static final SinkResult ALL_DELIVERED = new SinkResult(Map.of());

    public SinkResult {
        failures = Map.copyOf(failures);
    }

    public static SinkResult allDelivered() {
        return ALL_DELIVERED;
    }
}
