package io.chatbridge.connector.sheets;

import io.chatbridge.outbox.Sink;
import io.chatbridge.outbox.SinkException;
import io.chatbridge.outbox.SinkResult;
import io.chatbridge.record.RecordSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The outbox's {@code sheets} sink: splits a batch by bound tab and has the writer upsert each part
 * under that tab's lock. A record type bound to no sheet (its spreadsheet id is not set yet) is
 * skipped, not failed: there is nothing to write to.
 */
@Component
class SheetsSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(SheetsSink.class);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(20);

    private final SheetsBindings bindings;
    private final SheetsConnection connection;
    private final SheetsSyncStore store;
    private final SheetsProperties properties;

    SheetsSink(
            SheetsBindings bindings, SheetsConnection connection, SheetsSyncStore store, SheetsProperties properties) {
        this.bindings = bindings;
        this.connection = connection;
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "sheets";
    }

    @Override
    public SinkResult deliver(List<RecordSnapshot> batch) {
        Map<Long, SinkException> failures = new HashMap<>();
        Map<String, List<RecordSnapshot>> byType = batch.stream()
                .collect(Collectors.groupingBy(RecordSnapshot::type, LinkedHashMap::new, Collectors.toList()));
        byType.forEach((type, records) -> {
            Optional<SheetsBinding> binding = bindings.forType(type);
            if (binding.isEmpty()) {
                log.debug("No sheet bound for {}; {} records skipped", type, records.size());
                return;
            }
            failures.putAll(deliver(binding.get(), records));
        });
        return new SinkResult(failures);
    }

    private Map<Long, SinkException> deliver(SheetsBinding binding, List<RecordSnapshot> records) {
        try {
            SheetsWriter.Outcome outcome = writeLocked(binding, records);
            SinkException retry = outcome.retry().isEmpty() ? null : transientFailure(outcome.cause());
            return outcome.retry().stream().collect(Collectors.toMap(id -> id, id -> retry));
        } catch (BindingStoppedException e) {
            store.stop(binding.key(), "header_missing", e.getMessage());
            log.warn("Sheets binding {} is stopped: {}", binding.key(), e.getMessage());
            return all(
                    records,
                    SinkException.transientFailure(
                            e.getMessage(), properties.pollInterval().multipliedBy(2)));
        } catch (SheetsApiException e) {
            SinkException failure = e.retryable()
                    ? transientFailure(e)
                    : SinkException.permanentFailure("Google Sheets refused the write: " + e.getMessage());
            return all(records, failure);
        }
    }

    /** The writer queues for the tab's lock (the poller only tries it), so deliveries come first. */
    private SheetsWriter.Outcome writeLocked(SheetsBinding binding, List<RecordSnapshot> records)
            throws BindingStoppedException, SheetsApiException {
        try {
            return store.withLockWaiting(
                            binding.key(), LOCK_WAIT, () -> connection.writer().write(binding, records))
                    .orElseThrow(() -> new SheetsApiException(
                            "the tab is busy (another worker holds its lock)",
                            0,
                            true,
                            false,
                            Duration.ofSeconds(1),
                            null));
        } catch (BindingStoppedException | SheetsApiException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SinkException transientFailure(SheetsApiException e) {
        Duration after = e.retryAfter() != null
                ? e.retryAfter()
                : GoogleBackoff.of(properties).delay(0, null);
        return SinkException.transientFailure("Google Sheets: " + e.getMessage(), after);
    }

    private static Map<Long, SinkException> all(List<RecordSnapshot> records, SinkException failure) {
        return records.stream().collect(Collectors.toMap(RecordSnapshot::id, r -> failure, (a, b) -> a));
    }
}
