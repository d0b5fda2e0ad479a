package io.chatbridge.outbox;

import io.chatbridge.mapping.RecordTypeCatalog;
import io.chatbridge.mapping.RecordTypeInfo;
import io.chatbridge.record.RecordChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The delivery queue's public face: it turns every record change into one pending delivery per bound
 * sink (inside the change's own transaction) and lets admins list and replay deliveries.
 *
 * <p>A change is never sent back to the sink it came from, and incomplete records wait until the
 * conversation has filled them in.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final DeliveryRepository deliveries;
    private final RecordTypeCatalog catalog;
    private final Map<String, Sink> sinks;
    private final Set<String> warnedUnknown = ConcurrentHashMap.newKeySet();

    Outbox(DeliveryRepository deliveries, RecordTypeCatalog catalog, List<Sink> sinks) {
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.sinks = sinks.stream().collect(Collectors.toUnmodifiableMap(Sink::name, Function.identity()));
    }

    @EventListener
    void on(RecordChanged change) {
        if (!change.complete()) {
            return;
        }
        Set<String> targets = boundSinks(change.type());
        targets.remove(change.origin());
        if (targets.isEmpty()) {
            return;
        }
        if (change.historyUntil() != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            for (String sink : targets) {
                importBatch().add(new DeliveryRepository.PendingDelivery(sink, change.recordId(), change.version()));
            }
        } else {
            deliveries.enqueue(change.recordId(), change.version(), targets);
        }
    }

    /**
     * The deliveries of an import's transaction, written in one statement just before it commits: a slice
     * of imported history changes tens of thousands of records, and a statement per change cost a round
     * trip each (77,864 of them for a 1,000,000-line export). They still commit with the changes or not at
     * all; a transaction rolled back drops them with it.
     */
    private List<DeliveryRepository.PendingDelivery> importBatch() {
        @SuppressWarnings("unchecked")
        List<DeliveryRepository.PendingDelivery> batch =
                (List<DeliveryRepository.PendingDelivery>) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            List<DeliveryRepository.PendingDelivery> fresh = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    deliveries.enqueueAll(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                }
            });
            batch = fresh;
        }
        return batch;
    }

    /** Sinks the mapping binds a type to that are running here; unknown names are reported once. */
    Set<String> boundSinks(String type) {
        Set<String> bound = new TreeSet<>();
        for (String name : catalog.find(type).map(RecordTypeInfo::sinks).orElse(List.of())) {
            if (sinks.containsKey(name)) {
                bound.add(name);
            } else if (warnedUnknown.add(type + "/" + name)) {
                log.warn("Mapping '{}' delivers to sink '{}', which is not configured here; skipping it", type, name);
            }
        }
        return bound;
    }

    public List<Delivery> list(String state, String sink, int limit) {
        return deliveries.list(state, sink, limit);
    }

    public List<Delivery> forRecord(long recordId) {
        return deliveries.forRecord(recordId);
    }

    public Optional<Delivery> find(long id) {
        return deliveries.find(id);
    }

    public List<DeliveryCount> counts() {
        return deliveries.counts();
    }

    public boolean replay(long id) {
        return deliveries.replay(id);
    }

    /** Replays every dead delivery of one sink (after its cause is fixed); returns how many were queued. */
    public int replayDead(String sink) {
        return deliveries.replayDead(sink);
    }

    Optional<Sink> sink(String name) {
        return Optional.ofNullable(sinks.get(name));
    }

    public Set<String> sinkNames() {
        return new TreeSet<>(sinks.keySet());
    }
}
