package io.chatbridge.connector.sheets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.common.AdvisoryLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The connector's own tables: the last synced state of each row ({@code sheets_row}), each binding's
 * health ({@code sheets_binding}) and the problems an admin should see ({@code sheets_problem}); and
 * the per-binding lock that keeps the writer and the poller of all instances from interleaving.
 */
@Repository
class SheetsSyncStore {

    /** Where chatbridge and the sheet last agreed about one record. */
    record SyncedRow(
            long recordId,
            String humanId,
            String state,
            Map<String, String> hashes,
            String fingerprint,
            Integer rowHint) {}

    /** A binding's remembered headers and the problem that stopped it, if any. */
    record BindingState(List<String> headers, String problem) {}

    private static final int LOCK_CLASS = 0x5eed;

    private static final TypeReference<Map<String, String>> HASHES = new TypeReference<>() {};
    private static final TypeReference<List<String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;

    SheetsSyncStore(JdbcClient jdbc, DataSource dataSource, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    Map<Long, SyncedRow> rows(String binding, List<Long> recordIds) {
        return jdbc
                .sql("select * from sheets_row where binding = ? and record_id = any(?)")
                .params(binding, recordIds.toArray(Long[]::new))
                .query(this::row)
                .list()
                .stream()
                .collect(Collectors.toMap(SyncedRow::recordId, Function.identity()));
    }

    /** The synced rows of these record ids (a chunk of a tab), by id. */
    Map<String, SyncedRow> forIds(String binding, List<String> humanIds) {
        if (humanIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select * from sheets_row where binding = ? and human_id = any(?)")
                .params(binding, humanIds.toArray(String[]::new))
                .query(this::row)
                .list()
                .stream()
                .collect(Collectors.toMap(SyncedRow::humanId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** A record whose row was synced: just its ids. */
    record SyncedId(long recordId, String humanId) {}

    /** Every record with a synced row in the tab, ids only (the deleted-row check holds them all at once). */
    List<SyncedId> syncedIds(String binding) {
        return jdbc.sql("select record_id, human_id from sheets_row where binding = ? and state = 'synced'")
                .param(binding)
                .query((rs, n) -> new SyncedId(rs.getLong("record_id"), rs.getString("human_id")))
                .list();
    }

    /** A row to remember as synced. */
    record Synced(long recordId, String humanId, Map<String, String> hashes, Integer rowHint) {}

    /** Records about to be appended: if the append's outcome is unclear, the next try reads before writing. */
    void markAppending(String binding, Map<Long, String> records) {
        jdbc.sql(
                        """
                        insert into sheets_row (binding, record_id, human_id, state)
                        select ?, r, h, 'appending' from unnest(?::bigint[], ?::text[]) as t(r, h)
                        on conflict (binding, record_id) do update set state = 'appending', synced_at = now()""")
                .params(
                        binding,
                        records.keySet().toArray(Long[]::new),
                        records.values().toArray(String[]::new))
                .update();
    }

    /** Many rows in one statement (one commit), as a batch of hundreds is the normal case. */
    void markSynced(String binding, List<Synced> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        insert into sheets_row (binding, record_id, human_id, state, hashes, row_hint)
                        select ?, r, h, 'synced', x::jsonb, n from unnest(?::bigint[], ?::text[], ?::text[], ?::int[]) as t(r, h, x, n)
                        on conflict (binding, record_id) do update set state = 'synced', hashes = excluded.hashes,
                            fingerprint = null, row_hint = excluded.row_hint, synced_at = now()""")
                .params(
                        binding,
                        rows.stream().map(Synced::recordId).toArray(Long[]::new),
                        rows.stream().map(Synced::humanId).toArray(String[]::new),
                        rows.stream().map(r -> text(r.hashes())).toArray(String[]::new),
                        rows.stream().map(Synced::rowHint).toArray(Integer[]::new))
                .update();
    }

    void markSynced(String binding, long recordId, String humanId, Map<String, String> hashes, Integer rowHint) {
        jdbc.sql(
                        """
                        insert into sheets_row (binding, record_id, human_id, state, hashes, row_hint)
                        values (?, ?, ?, 'synced', ?::jsonb, ?)
                        on conflict (binding, record_id) do update set state = 'synced', hashes = excluded.hashes,
                            fingerprint = null, row_hint = excluded.row_hint, synced_at = now()""")
                .params(binding, recordId, humanId, text(hashes), rowHint)
                .update();
    }

    void markDeleted(String binding, long recordId) {
        jdbc.sql("update sheets_row set state = 'deleted', synced_at = now() where binding = ? and record_id = ?")
                .params(binding, recordId)
                .update();
    }

    /** A record made from a hand-added row whose id is not written back yet. */
    void markIdPending(String binding, long recordId, String humanId, String fingerprint) {
        jdbc.sql(
                        """
                        insert into sheets_row (binding, record_id, human_id, state, fingerprint)
                        values (?, ?, ?, 'id_pending', ?)""")
                .params(binding, recordId, humanId, fingerprint)
                .update();
    }

    Optional<SyncedRow> pending(String binding, String fingerprint) {
        return jdbc.sql(
                        "select * from sheets_row where binding = ? and state = 'id_pending' and fingerprint = ? limit 1")
                .params(binding, fingerprint)
                .query(this::row)
                .optional();
    }

    BindingState binding(String binding) {
        return jdbc.sql("select headers, problem from sheets_binding where binding = ?")
                .param(binding)
                .query((rs, n) -> new BindingState(read(rs.getString("headers"), HEADERS), rs.getString("problem")))
                .optional()
                .orElse(new BindingState(List.of(), null));
    }

    void saveHeaders(String binding, List<String> headers) {
        jdbc.sql(
                        """
                        insert into sheets_binding (binding, headers, polled_at) values (?, ?::jsonb, now())
                        on conflict (binding) do update set headers = excluded.headers, polled_at = now()""")
                .params(binding, text(headers))
                .update();
    }

    void stop(String binding, String kind, String problem) {
        jdbc.sql(
                        """
                        insert into sheets_binding (binding, problem, problem_at) values (?, ?, now())
                        on conflict (binding) do update set problem = excluded.problem, problem_at = now()""")
                .params(binding, problem)
                .update();
        report(binding, kind, null, problem);
    }

    void resume(String binding) {
        jdbc.sql("update sheets_binding set problem = null, problem_at = null where binding = ?")
                .param(binding)
                .update();
        jdbc.sql(
                        "update sheets_problem set resolved_at = now() where binding = ? and kind in ('header_missing', 'tab_missing') "
                                + "and resolved_at is null")
                .param(binding)
                .update();
    }

    /** Records a problem for the admin, once while it stays open. */
    void report(String binding, String kind, String humanId, String detail) {
        jdbc.sql(
                        """
                        insert into sheets_problem (binding, kind, human_id, detail) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(binding, kind, humanId, detail)
                .update();
    }

    List<Map<String, Object>> openProblems() {
        return jdbc.sql(
                        "select binding, kind, human_id, detail, created_at from sheets_problem where resolved_at is null "
                                + "order by id")
                .query()
                .listOfRows();
    }

    /**
     * Runs {@code work} holding the binding's lock (a PostgreSQL advisory lock, so it spans instances
     * and is released if this one dies). Empty when another worker holds it.
     */
    <T> Optional<T> withLock(String binding, Callable<T> work) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "select pg_try_advisory_lock(?, hashtext(?))", binding)) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.call());
            } finally {
                lock(connection, "select pg_advisory_unlock(?, hashtext(?))", binding);
            }
        }
    }

    /**
     * Runs {@code work} under the tab's lock, queueing for it up to {@code timeout}: PostgreSQL grants a
     * queued request before a later try, so a poller that takes the lock again and again (see
     * {@link #withLock}) cannot starve the writer. Empty when the lock did not come in time.
     */
    <T> Optional<T> withLockWaiting(String binding, Duration timeout, Callable<T> work) throws Exception {
        return AdvisoryLock.withLockWaiting(dataSource, LOCK_CLASS, binding, timeout, work);
    }

    private static boolean lock(Connection connection, String sql, String binding) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, LOCK_CLASS);
            statement.setString(2, binding);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private SyncedRow row(ResultSet rs, int n) throws SQLException {
        int hint = rs.getInt("row_hint");
        return new SyncedRow(
                rs.getLong("record_id"),
                rs.getString("human_id"),
                rs.getString("state"),
                read(rs.getString("hashes"), HASHES),
                rs.getString("fingerprint"),
                rs.wasNull() ? null : hint);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sheets state is not valid JSON", e);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
