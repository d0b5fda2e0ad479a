package io.chatbridge.reconcile;

import io.chatbridge.reconcile.match.BankLine;
import io.chatbridge.reconcile.statement.BankEntry;
import io.chatbridge.reconcile.statement.ParsedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Statements and their entries in PostgreSQL; the unique keys make a second import a no-op. */
@Repository
class StatementStore {

    private final JdbcClient jdbc;

    StatementStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StatementImport> findBySha(String sha256) {
        return jdbc.sql("select * from bank_statement where content_sha256 = ?")
                .param(sha256)
                .query((rs, n) -> summary(rs, true))
                .optional();
    }

    /** Stores the statement and the entries not seen before; returns null if the same file won a race. */
    StatementImport insert(String fileName, String origin, String sha256, ParsedStatement parsed, List<String> keys) {
        Long id = jdbc.sql(
                        """
                        insert into bank_statement (file_name, origin, format, content_sha256, statements, entries, new_entries)
                        values (?, ?, ?, ?, ?, ?, 0) on conflict (content_sha256) do nothing returning id""")
                .params(
                        fileName,
                        origin,
                        parsed.format(),
                        sha256,
                        parsed.statements(),
                        parsed.entries().size())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null) {
            return null;
        }
        int added = 0;
        for (int i = 0; i < parsed.entries().size(); i++) {
            added += insertEntry(id, keys.get(i), parsed.entries().get(i));
        }
        jdbc.sql("update bank_statement set new_entries = ? where id = ?")
                .params(added, id)
                .update();
        return new StatementImport(
                id,
                fileName,
                parsed.format(),
                parsed.statements(),
                parsed.entries().size(),
                added,
                false);
    }

    private int insertEntry(long statementId, String key, BankEntry e) {
        return jdbc.sql(
                        """
                        insert into bank_entry (statement_id, dedupe_key, account, booked_on, amount, currency,
                            bank_reference, end_to_end_id, counterparty, remittance)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing""")
                .params(
                        statementId,
                        key,
                        e.account(),
                        e.bookedOn(),
                        e.amount(),
                        e.currency(),
                        e.bankReference(),
                        e.endToEndId(),
                        e.counterparty(),
                        e.remittance())
                .update();
    }

    /** Money in that no decision covers yet (a rejected one waits for a person to link it by hand). */
    List<BankLine> undecidedCredits() {
        return jdbc.sql(
                        """
                        select * from bank_entry e where e.amount > 0
                          and not exists (select 1 from reconcile_match m where m.bank_entry_id = e.id)
                        order by e.booked_on, e.id""")
                .query((rs, n) -> line(rs))
                .list();
    }

    Optional<BankLine> find(long id) {
        return jdbc.sql("select * from bank_entry where id = ?")
                .param(id)
                .query((rs, n) -> line(rs))
                .optional();
    }

    static BankLine line(ResultSet rs) throws SQLException {
        return new BankLine(
                rs.getLong("id"),
                new BankEntry(
                        rs.getString("account"),
                        rs.getObject("booked_on", java.time.LocalDate.class),
                        rs.getBigDecimal("amount"),
                        rs.getString("currency"),
                        rs.getString("bank_reference"),
                        rs.getString("end_to_end_id"),
                        rs.getString("counterparty"),
                        rs.getString("remittance")));
    }

    private static StatementImport summary(ResultSet rs, boolean alreadyImported) throws SQLException {
        return new StatementImport(
                rs.getLong("id"),
                rs.getString("file_name"),
                rs.getString("format"),
                rs.getInt("statements"),
                rs.getInt("entries"),
                rs.getInt("new_entries"),
                alreadyImported);
    }
}
