package io.chatbridge.outbox;

import static io.chatbridge.common.Columns.instant;
import static io.chatbridge.common.Columns.truncatedError;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code delivery} table: one row per (sink, record), always pointing at the newest version.
 *
 * <p>A worker claims rows with {@code FOR UPDATE SKIP LOCKED} and marks them {@code in_flight} under a
 * lease, in a short transaction of its own, so no other instance can take them while the external
 * call runs, and a crashed worker's rows come back when the lease ends. A version that arrives while
 * a row is in flight is remembered on the row and delivered next, never in parallel.
 */
@Repository
class DeliveryRepository {

    private static final String SELECT =
            """
            select d.id, d.sink, d.record_id, r.human_id, d.version, d.delivered_version, d.state, d.attempts,
                d.next_attempt_at, d.last_error, d.updated_at
            from delivery d join record r on r.id = d.record_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    DeliveryRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The upsert every enqueue ends in: a newer version of a row in flight waits on the row for its turn. */
    private static final String UPSERT =
            """
            on conflict (sink, record_id) do update set
                version = greatest(delivery.version, excluded.version),
                state = case when delivery.state = 'in_flight' then 'in_flight' else 'pending' end,
                attempts = case when delivery.state = 'in_flight' then delivery.attempts else 0 end,
                next_attempt_at = case when delivery.state = 'in_flight' then delivery.next_attempt_at
                    else now() end,
                held_by_outage = delivery.held_by_outage and delivery.state = 'in_flight',
                updated_at = now()""";

    void enqueue(long recordId, int version, Collection<String> sinks) {
        template.batchUpdate(
                "insert into delivery (sink, record_id, version) values (?, ?, ?) " + UPSERT,
                sinks,
                sinks.size(),
                (ps, sink) -> {
                    ps.setString(1, sink);
                    ps.setLong(2, recordId);
                    ps.setInt(3, version);
                });
    }

    /**
     * Many enqueues in one statement, as {@link #enqueue} one after another would leave them: one row per
     * (sink, record) at the newest version given. The list is gathered in memory over a whole transaction
     * (the outbox's import batch), and a savepoint rolled back inside it (a conversation set aside after its
     * changes were told) takes those records' new versions, or the records themselves, with it: entries for
     * a version the record does not have are dropped here, not enqueued for a record that is not there.
     */
    void enqueueAll(Collection<PendingDelivery> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<PendingDelivery> rows = pending.stream()
                .sorted(Comparator.comparing(PendingDelivery::key))
                .toList();
        jdbc.sql(
                        """
                        insert into delivery (sink, record_id, version)
                        select p.sink, p.record_id, max(p.version)
                        from unnest(?::text[], ?::bigint[], ?::int[]) as p(sink, record_id, version)
                        join record r on r.id = p.record_id and r.version >= p.version
                        group by p.sink, p.record_id
                        order by p.sink, p.record_id
                        """
                                + UPSERT)
                .params(
                        rows.stream().map(PendingDelivery::sink).toArray(String[]::new),
                        rows.stream().map(PendingDelivery::recordId).toArray(Long[]::new),
                        rows.stream().map(PendingDelivery::version).toArray(Integer[]::new))
                .update();
    }

    /** A delivery to enqueue; {@link Key} orders rows so concurrent transactions lock them in one order. */
    record PendingDelivery(String sink, long recordId, int version) {
        Key key() {
            return new Key(sink, recordId);
        }

        record Key(String sink, long recordId) implements Comparable<Key> {
            @Override
            public int compareTo(Key other) {
                int bySink = sink.compareTo(other.sink);
                return bySink != 0 ? bySink : Long.compare(recordId, other.recordId);
            }
        }
    }

    List<ClaimedDelivery> claim(String sink, int limit, Duration lease, String claimant) {
        return jdbc.sql(
                        """
                        update delivery set state = 'in_flight', claimed_by = ?,
                            lease_until = now() + make_interval(secs => ?), updated_at = now()
                        where id in (
                            select id from delivery
                            where sink = ? and ((state = 'pending' and next_attempt_at <= now())
                                or (state = 'in_flight' and lease_until < now()))
                            order by next_attempt_at, id
                            limit ?
                            for update skip locked)
                        returning id, record_id, version, attempts""")
                .params(claimant, lease.toMillis() / 1000.0, sink, limit)
                .query((rs, n) -> new ClaimedDelivery(
                        rs.getLong("id"), rs.getLong("record_id"), rs.getInt("version"), rs.getInt("attempts")))
                .list();
    }

    /**
     * Done, unless a newer version arrived meanwhile: then it goes back to pending at once. One
     * statement for the whole batch: a row at a time, each in its own commit, cost a synchronous flush
     * per record and was most of a 500-record batch's time (a backlog drained at a third of the quota).
     *
     * @param ids the deliveries, each delivered at the version at the same place in {@code versions}
     */
    void markDelivered(List<Long> ids, List<Integer> versions, String claimant) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        update delivery d set delivered_version = u.version,
                            state = case when d.version > u.version then 'pending' else 'done' end,
                            attempts = 0, next_attempt_at = now(), lease_until = null, claimed_by = null,
                            last_error = null, held_by_outage = false, updated_at = now()
                        from unnest(?::bigint[], ?::int[]) as u(id, version)
                        where d.id = u.id and d.claimed_by = ?""")
                .params(ids.toArray(Long[]::new), versions.toArray(Integer[]::new), claimant)
                .update();
    }

    void markDelivered(long id, int deliveredVersion, String claimant) {
        markDelivered(List.of(id), List.of(deliveredVersion), claimant);
    }

    /**
     * An attempt failed; the delivery waits {@code retryIn}, or goes to the dead letter.
     *
     * @param outage whether the whole sink refused (see {@link #releaseHeld}), not this record
     */
    void markFailed(long id, String claimant, String error, boolean dead, Duration retryIn, boolean outage) {
        jdbc.sql(
                        """
                        update delivery set attempts = attempts + 1,
                            state = ?, next_attempt_at = now() + make_interval(secs => ?),
                            lease_until = null, claimed_by = null, last_error = ?, held_by_outage = ?,
                            updated_at = now()
                        where id = ? and claimed_by = ?""")
                .params(
                        dead ? "dead" : "pending",
                        retryIn.toMillis() / 1000.0,
                        truncatedError(error),
                        outage && !dead,
                        id,
                        claimant)
                .update();
    }

    /** Puts a delivery back in the queue for later without counting an attempt (see SinkException.deferred). */
    void markDeferred(long id, String claimant, String reason, Duration retryIn, boolean outage) {
        Duration wait = retryIn != null ? retryIn : Duration.ofSeconds(30);
        jdbc.sql(
                        """
                        update delivery set state = 'pending', next_attempt_at = now() + make_interval(secs => ?),
                            lease_until = null, claimed_by = null, last_error = ?, held_by_outage = ?,
                            updated_at = now()
                        where id = ? and claimed_by = ?""")
                .params(wait.toMillis() / 1000.0, truncatedError(reason), outage, id, claimant)
                .update();
    }

    /**
     * The sink took a batch again: every delivery an outage held is due now instead of when its own
     * backoff ends, so a backlog drains at the sink's pace rather than trickling in over minutes.
     *
     * <p>Only when the held deliveries failed in at least two different batches (each batch's rows are
     * marked in one transaction, so they share {@code updated_at}). One batch refused on its own while
     * others go through looks like its content, not an outage: bringing it forward after every
     * success would spend its attempts in minutes. An attempt is still counted for every failure.
     *
     * @return how many deliveries were brought forward
     */
    int releaseHeld(String sink) {
        return jdbc.sql(
                        """
                        update delivery set next_attempt_at = least(next_attempt_at, now()), held_by_outage = false
                        where sink = ? and held_by_outage and state = 'pending'
                            and (select count(distinct updated_at) from delivery
                                 where sink = ? and held_by_outage and state = 'pending') >= 2""")
                .params(sink, sink)
                .update();
    }

    /** Puts a delivery back in the queue with fresh attempts; false when no such delivery. */
    boolean replay(long id) {
        return jdbc.sql(
                                """
                        update delivery set state = 'pending', attempts = 0, next_attempt_at = now(),
                            last_error = null, updated_at = now()
                        where id = ? and state <> 'in_flight'""")
                        .param(id)
                        .update()
                > 0;
    }

    /** Every dead delivery of a sink back in the queue with fresh attempts, in one statement; returns how many. */
    int replayDead(String sink) {
        return jdbc.sql(
                        """
                        update delivery set state = 'pending', attempts = 0, next_attempt_at = now(),
                            last_error = null, updated_at = now()
                        where sink = ? and state = 'dead'""")
                .param(sink)
                .update();
    }

    Optional<Delivery> find(long id) {
        return jdbc.sql(SELECT + " where d.id = ?")
                .param(id)
                .query(this::delivery)
                .optional();
    }

    List<Delivery> list(String state, String sink, int limit) {
        return jdbc.sql(
                        SELECT
                                + """
                         where (cast(? as text) is null or d.state = ?) and (cast(? as text) is null or d.sink = ?)
                        order by d.updated_at desc limit ?""")
                .params(state, state, sink, sink, limit)
                .query(this::delivery)
                .list();
    }

    List<Delivery> forRecord(long recordId) {
        return jdbc.sql(SELECT + " where d.record_id = ? order by d.sink")
                .param(recordId)
                .query(this::delivery)
                .list();
    }

    /** Deliveries per (sink, state), for the metrics. */
    List<DeliveryCount> counts() {
        return jdbc.sql("select sink, state, count(*) as n from delivery group by sink, state")
                .query((rs, n) -> new DeliveryCount(rs.getString("sink"), rs.getString("state"), rs.getLong("n")))
                .list();
    }

    private Delivery delivery(ResultSet rs, int n) throws SQLException {
        int delivered = rs.getInt("delivered_version");
        return new Delivery(
                rs.getLong("id"),
                rs.getString("sink"),
                rs.getLong("record_id"),
                rs.getString("human_id"),
                rs.getInt("version"),
                rs.wasNull() ? null : delivered,
                rs.getString("state"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"),
                instant(rs.getTimestamp("updated_at")));
    }
}
