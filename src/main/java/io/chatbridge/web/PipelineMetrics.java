package io.chatbridge.web;

import io.chatbridge.ingest.InboxQueue;
import io.chatbridge.outbox.DeliveryCount;
import io.chatbridge.outbox.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database on a schedule (the {@code refresh-metrics} route), not on every
 * scrape, so a busy Prometheus never adds load to the inbox: inbox lag and deliveries per sink/state.
 */
@Component("pipelineMetrics")
public class PipelineMetrics {

    private static final List<String> STATES = List.of("pending", "in_flight", "done", "dead");

    private final InboxQueue inbox;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final AtomicReference<InboxQueue.InboxLag> lag = new AtomicReference<>(new InboxQueue.InboxLag(0, 0));
    private final Map<String, AtomicLong> deliveries = new ConcurrentHashMap<>();

    PipelineMetrics(InboxQueue inbox, Outbox outbox, MeterRegistry meters) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.meters = meters;
        Gauge.builder("chatbridge.inbox.pending", lag, l -> l.get().pending()).register(meters);
        Gauge.builder("chatbridge.inbox.lag.seconds", lag, l -> l.get().oldestSeconds())
                .register(meters);
        outbox.sinkNames().forEach(sink -> STATES.forEach(state -> gauge(sink, state)));
    }

    public void refresh() {
        lag.set(inbox.lag());
        deliveries.values().forEach(value -> value.set(0));
        for (DeliveryCount count : outbox.counts()) {
            gauge(count.sink(), count.state()).set(count.count());
        }
    }

    private AtomicLong gauge(String sink, String state) {
        return deliveries.computeIfAbsent(sink + "/" + state, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("chatbridge.deliveries", value, AtomicLong::get)
                    .tag("sink", sink)
                    .tag("state", state)
                    .register(meters);
            return value;
        });
    }
}
