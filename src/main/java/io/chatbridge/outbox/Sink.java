package io.chatbridge.outbox;

import io.chatbridge.record.RecordSnapshot;
import java.util.List;

/**
 * A system records are delivered to (a sheet, a workbook, a CRM, the books, a log).
 *
 * <p>Every write must be an idempotent upsert keyed by the record's human id: the outbox may deliver
 * a snapshot again after an ambiguous failure, and that must never duplicate anything.
 */
public interface Sink {

    /** The name mappings bind record types to ({@code log}, {@code sheets}, …). */
    String name();

    /**
     * Writes a batch, newest version of each record, in as few calls as the system allows.
     *
     * @return the per-record failures; records not named succeeded
     * @throws SinkException when the whole batch failed
     */
    SinkResult deliver(List<RecordSnapshot> batch) throws SinkException;
}
