package io.chatbridge.record;

import io.chatbridge.extract.RecordDraft;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The set-based statements behind {@link RecordService#applyDrafts}: each reads or writes a whole batch
 * of records through arrays ({@code unnest}), so an import costs a handful of round trips per
 * conversation slice instead of several per record.
 */
@Repository
class RecordBatchStore {

    private final JdbcTemplate jdbc;
    private final RecordRepository records;
    private final TransactionTemplate ownTransaction;

    RecordBatchStore(JdbcTemplate jdbc, RecordRepository records, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.records = records;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The conversation's records the drafts anchor to, locked, keyed by {@link DraftBatch#key}. An
     * import's slice holds some thirty drafts per record (one per message that changed it), so each
     * (type, anchor) is sent once, not once per draft.
     */
    Map<String, StoredRecord> anchoredForUpdate(String conversationId, List<RecordDraft> drafts) {
        Pairs wanted = new Pairs();
        drafts.forEach(d -> wanted.add(d.type(), d.anchorMessageId()));
        Map<String, StoredRecord> found = new HashMap<>();
        query(
                "select " + RecordRepository.COLUMNS + ", anchor_message_id from record"
                        + " where conversation_id = ? and (type, anchor_message_id) in"
                        + " (select * from unnest(?::text[], ?::text[])) order by id for update",
                rs -> found.put(
                        DraftBatch.key(rs.getString("type"), rs.getString("anchor_message_id")), records.stored(rs, 0)),
                conversationId,
                wanted.types(),
                wanted.values());
        return found;
    }

    /** Every record holding one of the drafts' business keys (each sent once), locked. */
    List<StoredRecord> keyedForUpdate(List<RecordDraft> drafts) {
        Pairs keyed = new Pairs();
        drafts.stream().filter(d -> d.businessKey() != null).forEach(d -> keyed.add(d.type(), d.businessKey()));
        List<StoredRecord> found = new ArrayList<>();
        if (keyed.isEmpty()) {
            return found;
        }
        query(
                "select " + RecordRepository.COLUMNS + " from record where (type, business_key) in"
                        + " (select * from unnest(?::text[], ?::text[])) order by id for update",
                rs -> found.add(records.stored(rs, 0)),
                keyed.types(),
                keyed.values());
        return found;
    }

    /** Distinct (type, value) pairs in first-seen order, as the two arrays a look-up unnests. */
    private static final class Pairs {
        private record Pair(String type, String value) {}

        private final Set<Pair> pairs = new LinkedHashSet<>();

        void add(String type, String value) {
            pairs.add(new Pair(type, value));
        }

        boolean isEmpty() {
            return pairs.isEmpty();
        }

        String[] types() {
            return pairs.stream().map(Pair::type).toArray(String[]::new);
        }

        String[] values() {
            return pairs.stream().map(Pair::value).toArray(String[]::new);
        }
    }

    /**
     * Reserves {@code count} numbers of a type's human ids at once; returns the first. In a transaction of
     * its own that commits at once: the sequence row stays locked only for this statement, not for the
     * whole import batch, so two import threads do not queue behind each other's commits. A batch that
     * rolls back leaves a gap in the numbers, never a number used twice. The lock wait is bounded, so a
     * caller whose own transaction holds the row (it numbered a record one by one) fails instead of hanging.
     */
    long reserveHumanIds(String type, int count) {
        Long first = ownTransaction.execute(status -> {
            jdbc.execute("set local lock_timeout = '10s'");
            return jdbc.queryForObject(
                    """
                    insert into record_sequence (type, next) values (?, ? + 1)
                    on conflict (type) do update set next = record_sequence.next + excluded.next - 1
                    returning next - ?""",
                    Long.class,
                    type,
                    (long) count,
                    (long) count);
        });
        return first == null ? 0 : first;
    }

    /**
     * Inserts new records and sets their ids. The console search columns are filled here, set-based, from
     * the source texts the caller holds ({@link DraftBatch.Working#sourceText}); a record whose texts the
     * caller did not have is left to the row trigger (V92), which looks them up.
     *
     * @return false when another transaction took one of their keys meanwhile (nothing to rely on then)
     */
    boolean insert(List<DraftBatch.Working> created, String conversationId, String customerPhone) {
        if (created.isEmpty()) {
            return true;
        }
        Map<String, DraftBatch.Working> byHumanId = new HashMap<>();
        created.forEach(w -> byHumanId.put(w.humanId, w));
        query(
                """
                insert into record (human_id, type, business_key, conversation_id, anchor_message_id, customer_phone,
                    fields, sources, confidence, complete, missing, version, search_name, search_doc)
                select r.human_id, r.type, r.business_key, ?::text, r.anchor, ?::text, r.fields::jsonb, r.sources::jsonb,
                    r.confidence::jsonb, r.complete::boolean, r.missing::jsonb, r.version::int, n.search_name,
                    case when r.source_text is not null
                        then record_search_doc(r.human_id, r.type, n.search_name, r.fields::jsonb, r.source_text) end
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[])
                    as r(human_id, type, business_key, anchor, fields, sources, confidence, complete, missing, version,
                        source_text)
                cross join lateral (select coalesce(nullif(r.fields::jsonb ->> 'customer_name', ''),
                    (select c.customer_name from conversation c where c.id = ?::text)) as search_name) n
                on conflict do nothing
                returning id, human_id""",
                rs -> byHumanId.remove(rs.getString("human_id")).id = rs.getLong("id"),
                conversationId,
                customerPhone,
                column(created, w -> w.humanId),
                column(created, w -> w.type),
                column(created, w -> w.businessKey),
                column(created, w -> w.anchor),
                column(created, w -> records.text(w.fields)),
                column(created, w -> records.text(w.sources)),
                column(created, w -> records.text(w.confidence)),
                column(created, w -> String.valueOf(w.complete)),
                column(created, w -> records.text(w.missing)),
                column(created, w -> String.valueOf(w.version)),
                column(created, w -> w.sourceText),
                conversationId);
        return byHumanId.isEmpty();
    }

    /** Final state of changed records, one row each, in the order given. */
    void update(List<DraftBatch.Working> updated) {
        jdbc.batchUpdate(
                """
                        update record set business_key = ?, fields = ?::jsonb, sources = ?::jsonb,
                            confidence = ?::jsonb, complete = ?, missing = coalesce(?::jsonb, missing), version = ?,
                            updated_at = now()
                        where id = ?""",
                updated,
                updated.size(),
                (ps, w) -> {
                    ps.setString(1, w.businessKey);
                    ps.setString(2, records.text(w.fields));
                    ps.setString(3, records.text(w.sources));
                    ps.setString(4, records.text(w.confidence));
                    ps.setBoolean(5, w.complete);
                    ps.setString(6, w.missing == null ? null : records.text(w.missing));
                    ps.setInt(7, w.version);
                    ps.setLong(8, w.id);
                });
    }

    /** Every field change of the batch in one statement. */
    void insertChanges(List<DraftBatch.Change> changes, String origin) {
        List<Object[]> rows = new ArrayList<>();
        for (DraftBatch.Change change : changes) {
            for (FieldChange field : change.applied()) {
                rows.add(new Object[] {
                    String.valueOf(change.record().id),
                    String.valueOf(change.version()),
                    field.field(),
                    field.oldValue().isNull() ? null : records.text(field.oldValue()),
                    field.newValue().isNull() ? null : records.text(field.newValue()),
                    change.cause()
                });
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        query(
                """
                insert into record_change (record_id, version, field, old_value, new_value, origin, cause)
                select c.record_id::bigint, c.version::int, c.field, c.old_value::jsonb, c.new_value::jsonb, ?, c.cause
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    as c(record_id, version, field, old_value, new_value, cause)
                returning id""",
                rs -> {},
                origin,
                rows.stream().map(r -> (String) r[0]).toArray(String[]::new),
                rows.stream().map(r -> (String) r[1]).toArray(String[]::new),
                rows.stream().map(r -> (String) r[2]).toArray(String[]::new),
                rows.stream().map(r -> (String) r[3]).toArray(String[]::new),
                rows.stream().map(r -> (String) r[4]).toArray(String[]::new),
                rows.stream().map(r -> (String) r[5]).toArray(String[]::new));
    }

    private static String[] column(
            List<DraftBatch.Working> rows, java.util.function.Function<DraftBatch.Working, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs a statement whose parameters may be text arrays, handing each result row to {@code handler}. */
    private void query(String sql, RowHandler handler, Object... params) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(
                            i + 1, params[i] instanceof String[] array ? textArray(connection, array) : params[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            }
            return null;
        });
    }

    private static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }
}
