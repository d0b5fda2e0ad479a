package io.chatbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.reconcile.match.SourcedInvoice;
import io.chatbridge.support.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A part payment is taken off an invoice's amount due exactly once: by us while the books do not count
 * it yet (queued to Xero), by the books once they list it (posted), never by both.
 */
class InvoiceSourcesIT {

    static TestDatabase db;
    static InvoiceSources sources;
    static long firstPart;

    @BeforeAll
    static void start() {
        db = new TestDatabase();
        sources = new InvoiceSources(new StaticListableBeanFactory().getBeanProvider(OpenInvoices.class), db.jdbc);
        long statement = db.jdbc
                .sql(
                        """
                        insert into bank_statement (file_name, origin, format, content_sha256, statements, entries,
                            new_entries) values ('s.xml', 'upload', 'camt.053', 'sha', 1, 1, 1) returning id""")
                .query(Long.class)
                .single();
        long entry = db.jdbc
                .sql(
                        """
                        insert into bank_entry (statement_id, dedupe_key, account, booked_on, amount, currency, remittance)
                        values (?, 'k1', 'GB00', date '2026-11-20', 100, 'GBP', 'INV-7') returning id""")
                .param(statement)
                .query(Long.class)
                .single();
        firstPart = db.jdbc
                .sql(
                        """
                        insert into reconcile_match (bank_entry_id, state, automatic, score, rule, explanation)
                        values (?, 'matched', true, 0.95, 'reference-part-payment', 'test') returning id""")
                .param(entry)
                .query(Long.class)
                .single();
        db.jdbc
                .sql(
                        """
                        insert into reconcile_allocation (match_id, invoice_source, invoice_id, invoice_number, amount, currency)
                        values (?, 'books', 'inv-7', 'INV-7', 100, 'GBP')""")
                .param(firstPart)
                .update();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void whileTheFirstPartIsQueuedItIsTakenOffTheBooksAmountDue() {
        OpenInvoice books = invoice("300.00", Set.of());

        assertThat(due(books)).isEqualByComparingTo("200.00");
    }

    @Test
    void onceTheBooksListTheFirstPartTheirAmountDueIsTakenAsIs() {
        OpenInvoice books = invoice("200.00", Set.of(firstPart));

        assertThat(due(books)).isEqualByComparingTo("200.00");
    }

    @Test
    void aPaymentSomeoneElseMadeInTheBooksDoesNotHideOursThatIsStillQueued() {
        OpenInvoice books = invoice("250.00", Set.of(firstPart + 1000));

        assertThat(due(books)).isEqualByComparingTo("150.00");
    }

    private static BigDecimal due(OpenInvoice invoice) {
        List<SourcedInvoice> due = sources.stillDue(Map.of("books", List.of(invoice)));
        assertThat(due).hasSize(1);
        return due.get(0).invoice().amountDue();
    }

    private static OpenInvoice invoice(String due, Set<Long> settled) {
        return new OpenInvoice("inv-7", "INV-7", "Bea Costa", null, new BigDecimal(due), "GBP", null, null, settled);
    }
}
