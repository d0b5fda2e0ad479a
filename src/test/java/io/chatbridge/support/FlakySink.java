package io.chatbridge.support;

import io.chatbridge.outbox.Sink;
import io.chatbridge.outbox.SinkException;
import io.chatbridge.outbox.SinkResult;
import io.chatbridge.record.RecordSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink whose failures a test scripts per record id prefix: transient failures a given number of
 * times, or a permanent failure. Records it is not told about are delivered.
 */
public class FlakySink implements Sink {

    public static final Map<String, AtomicInteger> TRANSIENT_FAILURES_LEFT = new ConcurrentHashMap<>();
    public static final Map<String, Boolean> PERMANENT = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> DELIVERED = new ConcurrentHashMap<>();
    /** While set, the whole sink is down: every batch is refused with a 503 and a minute's Retry-After. */
    public static final java.util.concurrent.atomic.AtomicBoolean DOWN =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Records refused with a 503 and a minute's Retry-After while the rest of their batch goes through. */
    public static final Map<String, Boolean> REFUSED_FOR_A_MINUTE = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public SinkResult deliver(List<RecordSnapshot> batch) throws SinkException {
        if (DOWN.get()) {
            throw SinkException.transientFailure("503 service unavailable", Duration.ofMinutes(1));
        }
        Map<Long, SinkException> failures = new java.util.HashMap<>();
        for (RecordSnapshot record : batch) {
            String notes = String.valueOf(record.fields().get("notes"));
            AtomicInteger left = TRANSIENT_FAILURES_LEFT.get(notes);
            if (PERMANENT.containsKey(notes)) {
                failures.put(record.id(), SinkException.permanentFailure("400 bad row"));
            } else if (REFUSED_FOR_A_MINUTE.containsKey(notes)) {
                failures.put(record.id(), SinkException.transientFailure("503 try later", Duration.ofMinutes(1)));
            } else if (left != null && left.getAndDecrement() > 0) {
                failures.put(record.id(), SinkException.transientFailure("503 try later", Duration.ofMillis(50)));
            } else {
                DELIVERED
                        .computeIfAbsent(record.humanId() + "@" + record.version(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
        return new SinkResult(failures);
    }
}
