package io.chatbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.xero.FakeXero;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 7 end to end, with the books in the (fake) Xero and the real xero-java SDK: a customer's
 * WhatsApp claim, an uploaded bank statement and an open Xero invoice become an automatic match, one
 * payment applied to the invoice in Xero, a row in the finance report, and the payment record {@code paid}.
 */
class XeroReconciliationEndToEndIT {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    static Path dataDir;

    static FakeXero xero;
    static FakeGraphApi graph;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static FinanceApi api;
    static JdbcClient jdbc;
    static UUID invoice;

    @BeforeAll
    static void start() {
        TestClock.INSTANCE.set(NOW);
        xero = new FakeXero();
        // in the books before chatbridge starts: its first reconciliation run reads (and caches) them
        invoice = xero.addInvoice("INV-3051", "Ana Lima", "250.00", "GBP");
        graph = new FakeGraphApi();
        List<String> properties = new ArrayList<>(xero.properties());
        properties.addAll(List.of(graph.properties()));
        properties.addAll(List.of(
                "--chatbridge.payments.default-currency=GBP",
                "--chatbridge.payments.reconcile-every=1h",
                "--chatbridge.xero.poll-millis=100",
                "--chatbridge.xero.base-backoff=100ms",
                "--chatbridge.xero.max-backoff=400ms"));
        app = TestApplication.startWithClock(dataDir, List.of(), properties.toArray(String[]::new));
        webhooks = new Webhooks(TestApplication.port(app));
        api = new FinanceApi(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
        xero.close();
        TestClock.INSTANCE.reset();
    }

    @Test
    void aClaimAStatementAndAnOpenXeroInvoiceBecomeOnePaymentInXeroAReportRowAndAPaidRecord() {
        String customer = "447700900851";
        webhooks.post(Webhooks.textMessage(
                "wamid.xero-e2e1",
                customer,
                "Ana",
                NOW.getEpochSecond(),
                "Hi, I paid 250 GBP for invoice INV-3051 by bank transfer, name is Ana Lima"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recordId(customer) != null);
        String recordId = recordId(customer);
        byte[] statement = ReconciliationEndToEndIT.camt("XE2E-1", "250.00", "CRDT", "ANA LIMA", "Payment INV-3051");

        HttpResponse<String> uploaded = api.upload("statement.xml", statement);

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> xero.paymentsTo(invoice) == 1);
        assertThat(xero.amountDue(invoice)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(xero.idempotencyKeys()).isNotEmpty().allSatisfy(key -> assertThat(key)
                .startsWith("chatbridge-"));
        JsonNode matched = api.get("/api/reconciliation?state=matched");
        assertThat(matched.toString()).contains("INV-3051").contains(recordId);
        assertThat(jdbc.sql("select status from record where human_id = ?")
                        .param(recordId)
                        .query(String.class)
                        .single())
                .isEqualTo("paid");
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent"
                .equals(jdbc.sql("select state from xero_payment where invoice_id = ?")
                        .param(invoice.toString())
                        .query(String.class)
                        .single()));

        HttpResponse<String> again = api.upload("statement-again.xml", statement);

        assertThat(again.statusCode()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> xero.paymentsTo(invoice) == 1);
    }

    @Test
    void aSecondPartPaymentAfterTheFirstIsPostedPaysTheRestInsteadOfLookingLikeAnOverpayment() {
        UUID partPaid = xero.addInvoice("INV-3052", "Bea Costa", "300.00", "GBP");
        TestClock.INSTANCE.advance(Duration.ofMinutes(6)); // past invoice-cache-ttl: the new invoice is read

        api.upload("part-1.xml", ReconciliationEndToEndIT.camt("XE2E-P1", "100.00", "CRDT", "BEA COSTA", "INV-3052"));

        await().atMost(Duration.ofSeconds(30)).until(() -> xero.paymentsTo(partPaid) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(partPaid) == 1);
        assertThat(xero.amountDue(partPaid)).isEqualByComparingTo("200.00");
        TestClock.INSTANCE.advance(Duration.ofMinutes(6)); // Xero's AmountDue (200) now counts the first part

        api.upload("part-2.xml", ReconciliationEndToEndIT.camt("XE2E-P2", "200.00", "CRDT", "BEA COSTA", "INV-3052"));

        await().atMost(Duration.ofSeconds(30)).until(() -> xero.paymentsTo(partPaid) == 2);
        assertThat(xero.amountDue(partPaid)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(api.get("/api/reconciliation?state=amount_differs").toString())
                .doesNotContain("INV-3052");
    }

    private static int sentTo(UUID invoiceId) {
        return jdbc.sql("select count(*)::int from xero_payment where invoice_id = ? and state = 'sent'")
                .param(invoiceId.toString())
                .query(Integer.class)
                .single();
    }

    private static String recordId(String customer) {
        return jdbc.sql("select human_id from record where type = 'payment' and customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
