package io.chatbridge.support;

import io.chatbridge.outbox.Sink;
import io.chatbridge.outbox.SinkResult;
import io.chatbridge.record.RecordSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that counts how often each (record, version) reached it. Shared by every application
 * context of one JVM through a static map, so a test with two instances sees both.
 */
public class CountingSink implements Sink {

    public static final Map<String, AtomicInteger> DELIVERED = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "count";
    }

    @Override
    public SinkResult deliver(List<RecordSnapshot> batch) {
        for (RecordSnapshot record : batch) {
            DELIVERED
                    .computeIfAbsent(record.humanId() + "@" + record.version(), k -> new AtomicInteger())
                    .incrementAndGet();
        }
        return SinkResult.allDelivered();
    }
}
