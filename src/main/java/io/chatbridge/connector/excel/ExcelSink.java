package io.chatbridge.connector.excel;

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
 * The outbox's {@code excel} sink: one rewrite of each bound workbook per batch. A workbook that is
 * open in Excel, broken, or missing its sheet or a header holds its deliveries back without spending
 * their attempts (they never reach the dead letter for it) and says why in {@code /api/excel/problems}.
 */
@Component
class ExcelSink implements Sink {

    private static final Logger log = LoggerFactory.getLogger(ExcelSink.class);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(20);

    private final ExcelBindings bindings;
    private final ExcelSyncStore store;
    private final ExcelProperties properties;
    private final WorkbookWriter writer;

    ExcelSink(ExcelBindings bindings, ExcelSyncStore store, ExcelProperties properties) {
        this.bindings = bindings;
        this.store = store;
        this.properties = properties;
        this.writer = new WorkbookWriter(store);
    }

    @Override
    public String name() {
        return "excel";
    }

    @Override
    public SinkResult deliver(List<RecordSnapshot> batch) {
        Map<Long, SinkException> failures = new HashMap<>();
        Map<String, List<RecordSnapshot>> byType = batch.stream()
                .collect(Collectors.groupingBy(RecordSnapshot::type, LinkedHashMap::new, Collectors.toList()));
        byType.forEach((type, records) -> {
            Optional<ExcelBinding> binding = bindings.forType(type);
            if (binding.isEmpty()) {
                log.debug("No workbook bound for {}; {} records skipped", type, records.size());
                return;
            }
            SinkException failure = deliver(binding.get(), records);
            if (failure != null) {
                records.forEach(r -> failures.put(r.id(), failure));
            }
        });
        return new SinkResult(failures);
    }

    /** Null when written; otherwise the failure for every record of the part. */
    private SinkException deliver(ExcelBinding binding, List<RecordSnapshot> records) {
        try {
            WorkbookWriter.Outcome outcome = writeLocked(binding, records);
            log.info(
                    "Wrote {} records to {} ({} appended, {} rows)",
                    outcome.written(),
                    binding.workbook().getFileName(),
                    outcome.appended(),
                    outcome.rows());
            return null;
        } catch (WorkbookException e) {
            return failure(binding, e);
        }
    }

    SinkException failure(ExcelBinding binding, WorkbookException e) {
        if (e.kind() == WorkbookException.Kind.CHANGED_MEANWHILE) {
            return SinkException.transientFailure(e.getMessage(), Duration.ofSeconds(1));
        }
        store.report(binding.key(), e.kind().problem(), null, e.getMessage());
        log.warn("Workbook for {} not written: {}", binding.type(), e.getMessage());
        return SinkException.deferred(e.getMessage(), properties.lockedRetry());
    }

    private WorkbookWriter.Outcome writeLocked(ExcelBinding binding, List<RecordSnapshot> records)
            throws WorkbookException {
        try {
            return store.withLockWaiting(binding.key(), LOCK_WAIT, () -> writer.write(binding, records))
                    .orElseThrow(() -> new WorkbookException(
                            WorkbookException.Kind.CHANGED_MEANWHILE,
                            "the workbook is busy (another worker holds its lock)"));
        } catch (WorkbookException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
