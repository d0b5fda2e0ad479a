package io.chatbridge.web.console.ops;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows the console-ops tests start from, written with plain SQL the way the pipeline leaves them. */
public final class OpsData {

    private static final AtomicInteger IDS = new AtomicInteger();

    private OpsData() {}

    public static long record(JdbcClient jdbc, String humanId, String type) {
        return jdbc.sql(
                        """
                        insert into record (human_id, type, status, complete, fields)
                        values (?, ?, 'new', true, '{"notes": "from the console test"}'::jsonb) returning id""")
                .params(humanId, type)
                .query(Long.class)
                .single();
    }

    /** A delivery that ran out of attempts, as the outbox leaves it. */
    public static long deadDelivery(JdbcClient jdbc, String sink, long recordId, String error) {
        return jdbc.sql(
                        """
                        insert into delivery (sink, record_id, version, state, attempts, last_error)
                        values (?, ?, 1, 'dead', 12, ?) returning id""")
                .params(sink, recordId, error)
                .query(Long.class)
                .single();
    }

    public static String state(JdbcClient jdbc, long deliveryId) {
        return jdbc.sql("select state from delivery where id = ?")
                .param(deliveryId)
                .query(String.class)
                .single();
    }

    /** A bank entry (money in) on a statement of its own. */
    public static long bankEntry(JdbcClient jdbc, LocalDate bookedOn, String amount, String remittance) {
        int n = IDS.incrementAndGet();
        long statement = jdbc.sql(
                        """
                        insert into bank_statement (file_name, origin, format, content_sha256, statements, entries, new_entries)
                        values (?, 'upload', 'csv', ?, 1, 1, 1) returning id""")
                .params("statement-" + n + ".csv", "sha-" + n + "-" + System.nanoTime())
                .query(Long.class)
                .single();
        return jdbc.sql(
                        """
                        insert into bank_entry (statement_id, dedupe_key, account, booked_on, amount, currency,
                            counterparty, remittance)
                        values (?, ?, 'ES7620770024003102575766', ?, ?, 'EUR', 'Ana Souza', ?) returning id""")
                .params(statement, "entry-" + n + "-" + System.nanoTime(), bookedOn, new BigDecimal(amount), remittance)
                .query(Long.class)
                .single();
    }

    /** A proposal waiting for a person: the entry against one Xero invoice. */
    public static long matchForReview(JdbcClient jdbc, long entryId, String invoiceId, String amount) {
        long match = jdbc.sql(
                        """
                        insert into reconcile_match (bank_entry_id, state, automatic, score, rule, explanation)
                        values (?, 'review', true, 0.72, 'amount+name', 'same amount, payer name close to the contact') returning id""")
                .param(entryId)
                .query(Long.class)
                .single();
        jdbc.sql(
                        """
                        insert into reconcile_allocation (match_id, invoice_source, invoice_id, invoice_number, contact_name, amount, currency)
                        values (?, 'xero', ?, ?, 'Ana Souza', ?, 'EUR')""")
                .params(match, invoiceId, "INV-" + invoiceId, new BigDecimal(amount))
                .update();
        return match;
    }

    public static long count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
