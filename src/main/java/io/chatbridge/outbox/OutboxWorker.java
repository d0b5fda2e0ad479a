package io.chatbridge.outbox;

import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains one sink's deliveries: claim a batch under a lease, load the newest snapshot of each record,
 * hand the batch to the sink, then mark each delivery done or schedule its retry. Called by the
 * {@code deliver-<sink>} routes.
 */
@Component("outboxWorker")
public class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int MAX_ROUNDS = 20;

    private final DeliveryRepository deliveries;
    private final Outbox outbox;
    private final RecordService records;
    private final OutboxProperties properties;
    private final TransactionTemplate transaction;

    OutboxWorker(
            DeliveryRepository deliveries,
            Outbox outbox,
            RecordService records,
            OutboxProperties properties,
            TransactionTemplate transaction) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.records = records;
        this.properties = properties;
        this.transaction = transaction;
    }

    /** Delivers until the sink's queue holds nothing due (or a round limit); returns how many were tried. */
    public int drain(String sinkName) {
        Sink sink = outbox.sink(sinkName).orElseThrow(() -> new IllegalArgumentException("No sink " + sinkName));
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Round done = deliverOnce(sink);
            total += done.claimed();
            if (done.claimed() < properties.batchSize() && done.released() == 0) {
                break;
            }
        }
        return total;
    }

    /** What one round did: deliveries claimed, and deliveries an outage held that are due again now. */
    record Round(int claimed, int released) {}

    Round deliverOnce(Sink sink) {
        String claimant = UUID.randomUUID().toString();
        List<ClaimedDelivery> claimed = transaction.execute(
                status -> deliveries.claim(sink.name(), properties.batchSize(), properties.lease(), claimant));
        if (claimed == null || claimed.isEmpty()) {
            return new Round(0, 0);
        }
        Map<Long, RecordSnapshot> snapshots =
                records
                        .snapshots(
                                claimed.stream().map(ClaimedDelivery::recordId).toList())
                        .stream()
                        .collect(Collectors.toMap(RecordSnapshot::id, Function.identity()));
        List<RecordSnapshot> batch =
                claimed.stream().map(d -> snapshots.get(d.recordId())).toList();
        SinkResult result;
        try {
            result = sink.deliver(batch);
        } catch (SinkException e) {
            transaction.executeWithoutResult(status -> claimed.forEach(d -> fail(sink, d, claimant, e, e.retryable())));
            return new Round(claimed.size(), 0);
        } catch (RuntimeException e) {
            // a bug or an unexpected client error: retry with backoff, never lose the delivery
            SinkException wrapped = new SinkException(e.toString(), true, null, e);
            transaction.executeWithoutResult(status -> claimed.forEach(d -> fail(sink, d, claimant, wrapped, false)));
            log.error("Sink {} failed unexpectedly", sink.name(), e);
            return new Round(claimed.size(), 0);
        }
        boolean outage = isOutage(claimed, result);
        List<Long> done = new ArrayList<>(claimed.size());
        List<Integer> versions = new ArrayList<>(claimed.size());
        transaction.executeWithoutResult(status -> {
            for (ClaimedDelivery delivery : claimed) {
                SinkException failure = result.failures().get(delivery.recordId());
                if (failure == null) {
                    done.add(delivery.id());
                    versions.add(snapshots.get(delivery.recordId()).version());
                } else {
                    fail(sink, delivery, claimant, failure, outage);
                }
            }
            deliveries.markDelivered(done, versions, claimant);
        });
        int released = done.isEmpty() ? 0 : deliveries.releaseHeld(sink.name());
        if (released > 0) {
            log.info("Sink {} takes writes again: {} deliveries held by its outage are due now", sink.name(), released);
        }
        return new Round(claimed.size(), released);
    }

    /**
     * Whether the sink refused the whole batch for a reason worth retrying (the destination down or
     * rate limiting), rather than some of its records. Records failed by an outage are brought forward
     * when the sink takes a batch again ({@link DeliveryRepository#releaseHeld}).
     */
    private static boolean isOutage(List<ClaimedDelivery> claimed, SinkResult result) {
        return !result.failures().isEmpty()
                && claimed.stream().allMatch(d -> result.failures().containsKey(d.recordId()))
                && result.failures().values().stream().allMatch(SinkException::retryable);
    }

    private void fail(Sink sink, ClaimedDelivery delivery, String claimant, SinkException failure, boolean outage) {
        if (failure.deferred()) {
            deliveries.markDeferred(delivery.id(), claimant, failure.getMessage(), failure.retryAfter(), outage);
            return;
        }
        // an outage is the sink's failure, not the record's: a long one (T12 of LIMITS.md drills an hour,
        // and 12 attempts end after 32 to 64 minutes) must not fill the dead letter with good records
        boolean dead = !failure.retryable() || (!outage && delivery.attempts() + 1 >= properties.maxAttempts());
        Duration retryIn = Backoff.after(
                delivery.attempts() + 1, properties.baseBackoff(), properties.maxBackoff(), failure.retryAfter());
        deliveries.markFailed(delivery.id(), claimant, failure.getMessage(), dead, retryIn, outage);
        if (dead) {
            log.warn(
                    "Delivery {} to {} moved to the dead letter: {}", delivery.id(), sink.name(), failure.getMessage());
        }
    }
}
