package io.chatbridge.connector.excel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.common.AdvisoryLock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The connector's tables ({@code excel_row}, {@code excel_binding}, {@code excel_problem}) and the
 * per-workbook lock that keeps the writer and the watcher of every instance from interleaving.
 */
@Repository
class ExcelSyncStore {

    /** Where chatbridge and the workbook last agreed about one record. */
    record SyncedRow(long recordId, String humanId, String state, Map<String, String> hashes, String fingerprint) {}

    /** A row to remember as synced. */
    record Synced(long recordId, String humanId, Map<String, String> hashes) {}

    /** A binding's remembered headers, the problem that stopped it, and the file as last seen. */
    record BindingState(
            List<String> headers, String problem, String fileHash, Long fileSize, Long fileMtime, int rows) {}

    private static final int LOCK_CLASS = 0x0e1c;
    private static final TypeReference<Map<String, String>> HASHES = new TypeReference<>() {};
    private static final TypeReference<List<String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;

    ExcelSyncStore(JdbcClient jdbc, DataSource dataSource, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
    }

    Map<Long, SyncedRow> rows(String binding, Collection<Long> recordIds) {
        return jdbc
                .sql("select * from excel_row where binding = ? and record_id = any(?)")
                .params(binding, recordIds.toArray(Long[]::new))
                .query(this::row)
                .list()
                .stream()
                .collect(Collectors.toMap(SyncedRow::recordId, Function.identity()));
    }

    Map<String, SyncedRow> rowsByHumanId(String binding, Collection<String> humanIds) {
        return jdbc
                .sql("select * from excel_row where binding = ? and human_id = any(?)")
                .params(binding, humanIds.toArray(String[]::new))
                .query(this::row)
                .list()
                .stream()
                .collect(Collectors.toMap(SyncedRow::humanId, Function.identity()));
    }

    /** Streams every row of a binding (a big workbook's state is never held whole). */
    void eachRow(String binding, Consumer<SyncedRow> action) {
        jdbc.sql("select * from excel_row where binding = ?").param(binding).query(rs -> {
            action.accept(row(rs, 0));
        });
    }

    List<SyncedRow> pending(String binding) {
        return jdbc.sql("select * from excel_row where binding = ? and state = 'id_pending'")
                .param(binding)
                .query(this::row)
                .list();
    }

    void markSynced(String binding, List<Synced> rows) {
        for (Synced row : rows) {
            jdbc.sql(
                            """
                            insert into excel_row (binding, record_id, human_id, state, hashes)
                            values (?, ?, ?, 'synced', ?::jsonb)
                            on conflict (binding, record_id) do update set state = 'synced', hashes = excluded.hashes,
                                fingerprint = null, synced_at = now()""")
                    .params(binding, row.recordId(), row.humanId(), text(row.hashes()))
                    .update();
        }
    }

    void markDeleted(String binding, long recordId) {
        jdbc.sql("update excel_row set state = 'deleted', synced_at = now() where binding = ? and record_id = ?")
                .params(binding, recordId)
                .update();
    }

    /** A record made from a hand-added row whose id is written on the next write. */
    void markIdPending(String binding, long recordId, String humanId, String fingerprint, Map<String, String> hashes) {
        jdbc.sql(
                        """
                        insert into excel_row (binding, record_id, human_id, state, fingerprint, hashes)
                        values (?, ?, ?, 'id_pending', ?, ?::jsonb)""")
                .params(binding, recordId, humanId, fingerprint, text(hashes))
                .update();
    }

    BindingState binding(String binding) {
        return jdbc.sql("select * from excel_binding where binding = ?")
                .param(binding)
                .query((rs, n) -> new BindingState(
                        read(rs.getString("headers"), HEADERS),
                        rs.getString("problem"),
                        rs.getString("file_hash"),
                        (Long) rs.getObject("file_size"),
                        (Long) rs.getObject("file_mtime"),
                        rs.getInt("row_count")))
                .optional()
                .orElse(new BindingState(List.of(), null, null, null, null, 0));
    }

    void saveHeaders(String binding, List<String> headers) {
        jdbc.sql(
                        """
                        insert into excel_binding (binding, headers) values (?, ?::jsonb)
                        on conflict (binding) do update set headers = excluded.headers""")
                .params(binding, text(headers))
                .update();
    }

    /** The file as chatbridge last wrote or read it; a file still like this holds no change from staff. */
    void saveFile(String binding, WorkbookFiles.Stamp stamp, int rows) {
        jdbc.sql(
                        """
                        insert into excel_binding (binding, file_hash, file_size, file_mtime, row_count, written_at)
                        values (?, ?, ?, ?, ?, now())
                        on conflict (binding) do update set file_hash = excluded.file_hash, file_size = excluded.file_size,
                            file_mtime = excluded.file_mtime, row_count = excluded.row_count, written_at = now()""")
                .params(binding, stamp.hash(), stamp.size(), stamp.mtime(), rows)
                .update();
    }

    /** The sheet's rows after a write whose file is not remembered as ours (the watcher is to read it). */
    void saveRows(String binding, int rows) {
        jdbc.sql(
                        """
                        insert into excel_binding (binding, row_count, written_at) values (?, ?, now())
                        on conflict (binding) do update set row_count = excluded.row_count, written_at = now()""")
                .params(binding, rows)
                .update();
    }

    /** The largest row count of any bound workbook, as last seen. */
    int largestWorkbookRows() {
        return jdbc.sql("select coalesce(max(row_count), 0) from excel_binding")
                .query(Integer.class)
                .single();
    }

    void stop(String binding, String kind, String problem) {
        jdbc.sql(
                        """
                        insert into excel_binding (binding, problem, problem_at) values (?, ?, now())
                        on conflict (binding) do update set problem = excluded.problem, problem_at = now()""")
                .params(binding, problem)
                .update();
        report(binding, kind, null, problem);
    }

    void resume(String binding) {
        jdbc.sql("update excel_binding set problem = null, problem_at = null where binding = ?")
                .param(binding)
                .update();
        resolve(binding, "header_missing");
    }

    /** Records a problem for the admin, once while it stays open. */
    void report(String binding, String kind, String humanId, String detail) {
        jdbc.sql(
                        """
                        insert into excel_problem (binding, kind, human_id, detail) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(binding, kind, humanId, detail)
                .update();
    }

    /** Closes the open problems of these kinds: the workbook is usable again. */
    void resolve(String binding, String... kinds) {
        jdbc.sql(
                        "update excel_problem set resolved_at = now() where binding = ? and kind = any(?) and resolved_at is null")
                .params(binding, kinds)
                .update();
    }

    /**
     * Runs {@code work} holding the binding's lock (a PostgreSQL advisory lock, so it spans instances
     * and is released if this one dies). Empty when another worker holds it.
     */
    <T> Optional<T> withLock(String binding, Callable<T> work) throws Exception {
        return AdvisoryLock.withLock(dataSource, LOCK_CLASS, binding, work);
    }

    /** The writer's way in: it queues for the lock, so a watcher that re-takes it cannot starve it. */
    <T> Optional<T> withLockWaiting(String binding, java.time.Duration timeout, Callable<T> work) throws Exception {
        return AdvisoryLock.withLockWaiting(dataSource, LOCK_CLASS, binding, timeout, work);
    }

    private SyncedRow row(ResultSet rs, int n) throws SQLException {
        return new SyncedRow(
                rs.getLong("record_id"),
                rs.getString("human_id"),
                rs.getString("state"),
                read(rs.getString("hashes"), HASHES),
                rs.getString("fingerprint"));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("excel state is not valid JSON", e);
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
