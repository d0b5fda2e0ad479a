package io.chatbridge.connector.xero;

import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Payment;
import io.chatbridge.reconcile.OpenInvoice;
import io.chatbridge.reconcile.OpenInvoices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open sales invoices in Xero, for the reconciler. A full read pages through {@code GET
 * /Invoices?Statuses=AUTHORISED} (100 a page); after that, only invoices modified since the last read
 * are fetched ({@code If-Modified-Since}, any status, so a paid or voided invoice leaves the list),
 * and within {@code invoice-cache-ttl} the list is served from memory. 20,000 open invoices cost 200
 * calls once and then usually one call per refresh. Registered only while Xero is configured
 * ({@link XeroConfiguration}).
 *
 * <p>Each invoice carries the matches whose payments Xero lists on it ({@code Payments[].PaymentID}
 * against our {@code xero_payment.xero_payment_id}): its {@code AmountDue} already has them, so the
 * reconciler must not take them off again; a match still queued or not yet read back is taken off.
 */
class XeroOpenInvoices implements OpenInvoices {

    private static final Logger log = LoggerFactory.getLogger(XeroOpenInvoices.class);
    /** Reads overlap a little, so an invoice changed while a read ran is not missed. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final XeroClient client;
    private final XeroProperties properties;
    private final Clock clock;
    private final SentPayments sent;
    private Map<String, OpenInvoice> open = new LinkedHashMap<>();
    /** When the last read started: changes after it are fetched next time. */
    private Instant lastRead;
    /** When the last read ended: the cache is fresh for {@code invoice-cache-ttl} from here. */
    private Instant refreshedAt;

    private Instant lastFullRead;
    /** Xero's PaymentIDs listed on each open invoice, by InvoiceID. */
    private Map<String, Set<String>> paymentIds = new LinkedHashMap<>();

    XeroOpenInvoices(XeroClient client, XeroProperties properties, Clock clock, SentPayments sent) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
        this.sent = sent;
    }

    @Override
    public String source() {
        return "xero";
    }

    @Override
    public synchronized List<OpenInvoice> open() {
        Instant now = clock.instant();
        try {
            if (lastFullRead == null || now.isAfter(lastFullRead.plus(properties.invoiceFullRefresh()))) {
                readAll(now);
            } else if (now.isAfter(refreshedAt.plus(properties.invoiceCacheTtl()))) {
                readChanges(now);
            }
        } catch (XeroCallException | XeroCallGuard.CallsSuspended e) {
            if (lastFullRead == null) {
                throw new IllegalStateException("cannot read open invoices from Xero: " + e.getMessage(), e);
            }
            log.warn("Xero invoices not refreshed ({}); using the list read at {}", e.getMessage(), lastRead);
        }
        return withSettledMatches();
    }

    private List<OpenInvoice> withSettledMatches() {
        Map<String, Long> matches = sent.matchesByPaymentId(
                paymentIds.values().stream().flatMap(Set::stream).toList());
        return open.values().stream()
                .map(invoice -> {
                    Set<String> listed = paymentIds.getOrDefault(invoice.invoiceId(), Set.of());
                    return listed.isEmpty()
                            ? invoice
                            : invoice.withSettledMatches(listed.stream()
                                    .map(matches::get)
                                    .filter(Objects::nonNull)
                                    .collect(Collectors.toSet()));
                })
                .toList();
    }

    private static Set<String> paymentIdsOf(Invoice invoice) {
        return invoice.getPayments() == null
                ? Set.of()
                : invoice.getPayments().stream()
                        .map(Payment::getPaymentID)
                        .filter(Objects::nonNull)
                        .map(Object::toString)
                        .collect(Collectors.toSet());
    }

    /** Forgets the cache, so the next {@link #open()} reads everything again. */
    synchronized void invalidate() {
        lastFullRead = null;
    }

    private void readAll(Instant now) throws XeroCallException, XeroCallGuard.CallsSuspended {
        Map<String, OpenInvoice> fresh = new LinkedHashMap<>();
        Map<String, Set<String>> freshPayments = new LinkedHashMap<>();
        for (Invoice invoice : pages(null)) {
            if (XeroInvoices.open(invoice)) {
                fresh.put(invoice.getInvoiceID().toString(), XeroInvoices.toOpenInvoice(invoice));
                freshPayments.put(invoice.getInvoiceID().toString(), paymentIdsOf(invoice));
            }
        }
        open = fresh;
        paymentIds = freshPayments;
        lastFullRead = now;
        lastRead = now;
        refreshedAt = clock.instant();
        log.info("Xero: {} open invoices read", fresh.size());
    }

    private void readChanges(Instant now) throws XeroCallException, XeroCallGuard.CallsSuspended {
        Map<String, OpenInvoice> next = new LinkedHashMap<>(open);
        Map<String, Set<String>> nextPayments = new LinkedHashMap<>(paymentIds);
        for (Invoice invoice : pages(lastRead.minus(OVERLAP))) {
            String id = invoice.getInvoiceID().toString();
            if (XeroInvoices.open(invoice)) {
                next.put(id, XeroInvoices.toOpenInvoice(invoice));
                nextPayments.put(id, paymentIdsOf(invoice));
            } else {
                next.remove(id);
                nextPayments.remove(id);
            }
        }
        open = next;
        paymentIds = nextPayments;
        lastRead = now;
        refreshedAt = clock.instant();
    }

    private List<Invoice> pages(Instant modifiedSince) throws XeroCallException, XeroCallGuard.CallsSuspended {
        List<Invoice> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<Invoice> invoices = client.salesInvoices(page, modifiedSince);
            all.addAll(invoices);
            if (invoices.size() < XeroClient.PAGE_SIZE) {
                return all;
            }
        }
    }
}
