package io.chatbridge.reconcile;

import io.chatbridge.reconcile.match.Allocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reconciliation decisions and their allocations. */
@Repository
class MatchStore {

    static final String MATCHED = "matched";
    static final String REVIEW = "review";
    static final String AMOUNT_DIFFERS = "amount_differs";
    static final String REJECTED = "rejected";

    private final JdbcClient jdbc;

    MatchStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new match's id, or empty when the entry already has a live decision (another run won). */
    Optional<Long> insert(
            long entryId,
            String claimRecordId,
            String state,
            boolean automatic,
            double score,
            String rule,
            String explanation,
            String decidedBy,
            List<Allocation> allocations) {
        Optional<Long> id = jdbc.sql(
                        """
                        insert into reconcile_match (bank_entry_id, claim_record_id, state, automatic, score, rule,
                            explanation, decided_by, decided_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, case when ? then now() end)
                        on conflict (bank_entry_id) where state <> 'rejected' do nothing returning id""")
                .params(
                        entryId,
                        claimRecordId,
                        state,
                        automatic,
                        BigDecimal.valueOf(score),
                        rule,
                        explanation,
                        decidedBy,
                        MATCHED.equals(state))
                .query(Long.class)
                .optional();
        id.ifPresent(matchId -> allocations.forEach(a -> insertAllocation(matchId, a)));
        return id;
    }

    private void insertAllocation(long matchId, Allocation a) {
        jdbc.sql(
                        """
                        insert into reconcile_allocation (match_id, invoice_source, invoice_id, invoice_number,
                            contact_name, amount, currency)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        matchId,
                        a.invoice().source(),
                        a.invoice().invoice().invoiceId(),
                        a.invoice().invoice().invoiceNumber(),
                        a.invoice().invoice().contactName(),
                        a.amount(),
                        a.invoice().invoice().currency())
                .update();
    }

    /** Locks the match row for a decision. */
    Optional<StoredMatch> findForUpdate(long id) {
        return jdbc.sql("select * from reconcile_match where id = ? for update")
                .param(id)
                .query((rs, n) -> new StoredMatch(
                        rs.getLong("id"),
                        rs.getLong("bank_entry_id"),
                        rs.getString("claim_record_id"),
                        rs.getString("state")))
                .optional();
    }

    List<StoredAllocation> allocations(long matchId) {
        return jdbc.sql("select * from reconcile_allocation where match_id = ? order by id")
                .param(matchId)
                .query((rs, n) -> new StoredAllocation(
                        rs.getString("invoice_source"),
                        rs.getString("invoice_id"),
                        rs.getString("invoice_number"),
                        rs.getBigDecimal("amount"),
                        rs.getString("currency")))
                .list();
    }

    void decide(long id, String state, String by, Instant at, String note) {
        jdbc.sql(
                        """
                        update reconcile_match set state = ?, decided_by = ?, decided_at = ?,
                            explanation = explanation || coalesce(?, '') where id = ?""")
                .params(state, by, java.sql.Timestamp.from(at), note, id)
                .update();
    }

    /** A proposal still waiting for this entry is set aside when a person links the entry by hand. */
    void supersede(long entryId, String by, Instant at) {
        jdbc.sql(
                        """
                        update reconcile_match set state = 'rejected', decided_by = ?, decided_at = ?,
                            explanation = explanation || '; replaced by a link by hand'
                        where bank_entry_id = ? and state in ('review', 'amount_differs')""")
                .params(by, java.sql.Timestamp.from(at), entryId)
                .update();
    }

    record StoredMatch(long id, long entryId, String claimRecordId, String state) {}

    record StoredAllocation(
            String invoiceSource, String invoiceId, String invoiceNumber, BigDecimal amount, String currency) {}
}
