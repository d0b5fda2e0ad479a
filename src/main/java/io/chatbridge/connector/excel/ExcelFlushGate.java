package io.chatbridge.connector.excel;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides when the {@code deliver-excel} route drains the queue. A rewrite of a small workbook is
 * cheap, so it writes on every tick; a big one (more than {@code big-workbook-rows}) costs seconds per
 * rewrite whatever the batch, so deliveries are coalesced until {@code big-workbook-batch} are due or
 * the oldest has waited {@code big-workbook-max-delay} (LIMITS.md T8). Holding back in front of the
 * outbox, rather than failing deliveries, spends no attempts.
 */
@Component("excelFlushGate")
public class ExcelFlushGate {

    private final JdbcClient jdbc;
    private final ExcelSyncStore store;
    private final ExcelProperties properties;

    ExcelFlushGate(JdbcClient jdbc, ExcelSyncStore store, ExcelProperties properties) {
        this.jdbc = jdbc;
        this.store = store;
        this.properties = properties;
    }

    public boolean due() {
        if (store.largestWorkbookRows() <= properties.bigWorkbookRows()) {
            return true;
        }
        Queue queue = jdbc.sql(
                        """
                        select count(*) as due, min(updated_at) as oldest from delivery
                        where sink = 'excel' and state = 'pending' and next_attempt_at <= now()""")
                .query((rs, n) -> new Queue(rs.getLong("due"), rs.getTimestamp("oldest")))
                .single();
        return queue.due() >= properties.bigWorkbookBatch()
                || (queue.oldest() != null
                        && Duration.between(queue.oldest().toInstant(), Instant.now())
                                        .compareTo(properties.bigWorkbookMaxDelay())
                                >= 0);
    }

    private record Queue(long due, Timestamp oldest) {}
}
