package io.chatbridge.ingest;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processing state of inbox rows. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} inside the
 * caller's transaction, so the normalised messages and the row's new state commit together; a crash
 * in between leaves the row as it was, to be processed again.
 */
@Repository
public class InboxQueue {

    private final JdbcClient jdbc;

    InboxQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<InboxRow> claim(int limit) {
        return jdbc.sql(
                        """
                        select id, channel, raw, received_at, attempts from inbox
                        where state in ('received', 'failed') and next_attempt_at <= now()
                        order by id limit ? for update skip locked""")
                .param(limit)
                .query((rs, n) -> new InboxRow(
                        rs.getLong("id"),
                        rs.getString("channel"),
                        rs.getBytes("raw"),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getInt("attempts")))
                .list();
    }

    public void markNormalised(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("update inbox set state = 'normalised', processed_at = now(), last_error = null where id = any(?)")
                    .param(ids.toArray(Long[]::new))
                    .update();
        }
    }

    /** Schedules another try, or parks the row as {@code dead} (still stored, replayable) after too many. */
    public void markFailed(long id, String error, boolean dead, Duration retryIn) {
        jdbc.sql(
                        """
                        update inbox set state = ?, attempts = attempts + 1, last_error = ?,
                            next_attempt_at = now() + make_interval(secs => ?)
                        where id = ?""")
                .params(dead ? "dead" : "failed", error, retryIn.toSeconds(), id)
                .update();
    }

    /** Rows not yet normalised and the age in seconds of the oldest, for the inbox-lag metric. */
    public InboxLag lag() {
        return jdbc.sql(
                        """
                        select count(*) as pending, coalesce(extract(epoch from now() - min(received_at)), 0) as age
                        from inbox where state in ('received', 'failed')""")
                .query((rs, n) -> new InboxLag(rs.getLong("pending"), rs.getDouble("age")))
                .single();
    }

    public record InboxLag(long pending, double oldestSeconds) {}
}
