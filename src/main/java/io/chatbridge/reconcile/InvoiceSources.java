package io.chatbridge.reconcile;

import io.chatbridge.reconcile.match.SourcedInvoice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every {@link OpenInvoices} bean, asked once per run, minus what our own matches put on each invoice
 * that the source does not count yet: the books show an invoice open for a while after we matched it
 * (the payment is queued to Xero), and it must not be paid a second time meanwhile. Once the books do
 * list our payment ({@link OpenInvoice#settledMatches()}), their amount due already has it, and taking
 * it off again would make the next part payment look like an overpayment. A source that fails is
 * skipped for this run and logged; the others still match.
 */
@Component
class InvoiceSources {

    private static final Logger log = LoggerFactory.getLogger(InvoiceSources.class);

    private final List<OpenInvoices> sources;
    private final JdbcClient jdbc;

    /** No source at all is fine (no books connected yet): bank entries and claims are still listed. */
    InvoiceSources(ObjectProvider<OpenInvoices> sources, JdbcClient jdbc) {
        this.sources = sources.orderedStream().toList();
        this.jdbc = jdbc;
    }

    /** Asks every source (remote calls: do this outside a transaction). A failing source is skipped. */
    Map<String, List<OpenInvoice>> fetch() {
        Map<String, List<OpenInvoice>> fetched = new HashMap<>();
        for (OpenInvoices source : sources) {
            try {
                fetched.put(source.source(), source.open());
            } catch (RuntimeException e) {
                log.warn("Open invoices from {} unavailable this run: {}", source.source(), e.toString());
            }
        }
        return fetched;
    }

    /** What is still due on each fetched invoice once our matches the source does not count are taken off. */
    List<SourcedInvoice> stillDue(Map<String, List<OpenInvoice>> fetched) {
        Map<String, Map<Long, BigDecimal>> matched = matchedAmounts();
        List<SourcedInvoice> open = new ArrayList<>();
        fetched.forEach((source, invoices) -> {
            for (OpenInvoice invoice : invoices) {
                BigDecimal due = invoice.amountDue();
                for (var taken : matched.getOrDefault(source + ":" + invoice.invoiceId(), Map.of())
                        .entrySet()) {
                    if (!invoice.settledMatches().contains(taken.getKey())) {
                        due = due.subtract(taken.getValue());
                    }
                }
                if (due.signum() > 0) {
                    open.add(new SourcedInvoice(source, invoice.withAmountDue(due)));
                }
            }
        });
        return open;
    }

    /** Per invoice ({@code source:id}): each matching decision and the amount it put on the invoice. */
    private Map<String, Map<Long, BigDecimal>> matchedAmounts() {
        Map<String, Map<Long, BigDecimal>> amounts = new HashMap<>();
        jdbc.sql(
                        """
                        select a.invoice_source, a.invoice_id, a.match_id, sum(a.amount) as amount
                        from reconcile_allocation a join reconcile_match m on m.id = a.match_id
                        where m.state = 'matched' group by a.invoice_source, a.invoice_id, a.match_id""")
                .query(rs -> {
                    amounts.computeIfAbsent(rs.getString(1) + ":" + rs.getString(2), k -> new HashMap<>())
                            .put(rs.getLong(3), rs.getBigDecimal(4));
                });
        return amounts;
    }
}
