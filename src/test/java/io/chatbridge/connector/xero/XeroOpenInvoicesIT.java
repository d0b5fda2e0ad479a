package io.chatbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.reconcile.OpenInvoice;
import io.chatbridge.reconcile.OpenInvoices;
import io.chatbridge.support.xero.FakeXero;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open invoices come from Xero through the real SDK: paged, filtered to open sales invoices, cached,
 * refreshed with If-Modified-Since, with a client-credentials token that is reused until it expires.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XeroOpenInvoicesIT {

    @TempDir
    static Path dir;

    static FakeXero fake;
    static XeroInstance chatbridge;
    static UUID firstInvoice;

    @BeforeAll
    static void start() throws InterruptedException {
        fake = new FakeXero();
        for (int i = 1; i <= 250; i++) {
            UUID id = fake.addInvoice(String.format("INV-%04d", i), "Customer " + i, i + ".50", "GBP");
            if (i == 1) {
                firstInvoice = id;
            }
        }
        for (int i = 251; i <= 255; i++) {
            fake.setInvoiceStatus(fake.addInvoice("INV-0" + i, "Paid " + i, "10.00", "GBP"), "PAID");
        }
        // a changes read re-reads 5 s before the last read (clock skew): let the books age past that, or
        // in a warm JVM the first read follows so closely that the changes read sees every invoice again
        Thread.sleep(5_500);
        chatbridge = new XeroInstance(fake, dir.resolve("data"), "--chatbridge.xero.invoice-cache-ttl=3s");
    }

    @AfterAll
    static void stop() {
        chatbridge.close();
        fake.close();
    }

    private static OpenInvoices xero() {
        return chatbridge.context.getBeansOfType(OpenInvoices.class).values().stream()
                .filter(source -> source.source().equals("xero"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(1)
    void allOpenSalesInvoicesAreReadPageByPage() {
        List<OpenInvoice> open = xero().open();

        assertThat(open).hasSize(250);
        assertThat(fake.invoiceCalls()).isEqualTo(3);
        OpenInvoice first = open.stream()
                .filter(i -> i.invoiceNumber().equals("INV-0001"))
                .findFirst()
                .orElseThrow();
        assertThat(first.invoiceId()).isEqualTo(firstInvoice.toString());
        assertThat(first.contactName()).isEqualTo("Customer 1");
        assertThat(first.amountDue()).isEqualByComparingTo("1.50");
        assertThat(first.currency()).isEqualTo("GBP");
        assertThat(first.dueDate()).hasToString("2026-12-01");
        assertThat(open)
                .extracting(OpenInvoice::invoiceNumber)
                .doesNotContain("INV-0251", "INV-0252", "INV-0253", "INV-0254", "INV-0255");
    }

    @Test
    @Order(2)
    void withinTheCacheTimeNoCallIsMade() {
        int calls = fake.invoiceCalls();

        assertThat(xero().open()).hasSize(250);

        assertThat(fake.invoiceCalls()).isEqualTo(calls);
    }

    @Test
    @Order(3)
    void afterTheCacheTimeOnlyChangesAreReadAndAPaidInvoiceLeaves() throws Exception {
        fake.setInvoiceStatus(firstInvoice, "PAID");
        fake.addInvoice("INV-0900", "Late Customer", "99.00", "GBP");
        int calls = fake.invoiceCalls();
        Thread.sleep(3200);

        List<OpenInvoice> open = xero().open();

        assertThat(fake.invoiceCalls() - calls).isEqualTo(1);
        assertThat(open).hasSize(250);
        assertThat(open).noneMatch(i -> i.invoiceNumber().equals("INV-0001"));
        assertThat(open).anyMatch(i -> i.invoiceNumber().equals("INV-0900"));
    }

    @Test
    @Order(4)
    void callsMadeInsideARolledBackTransactionAreStillCounted() throws Exception {
        fake.addInvoice("INV-0901", "Later Customer", "19.00", "GBP");
        Thread.sleep(3200);
        int before = callsToday();

        chatbridge
                .context
                .getBean(org.springframework.transaction.support.TransactionTemplate.class)
                .executeWithoutResult(status -> {
                    assertThat(xero().open()).anyMatch(i -> i.invoiceNumber().equals("INV-0901"));
                    status.setRollbackOnly();
                });

        assertThat(callsToday()).isEqualTo(before + 1);
    }

    private static int callsToday() {
        return chatbridge
                .jdbc()
                .sql("select coalesce(sum(calls), 0)::int from xero_call_day")
                .query(Integer.class)
                .single();
    }

    @Test
    @Order(5)
    void oneTokenServesEveryCallWhileItIsValid() {
        xero().open();

        assertThat(fake.tokensIssued()).isEqualTo(1);
    }
}
