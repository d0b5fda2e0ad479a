package io.chatbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.xero.FakeXero;
import io.chatbridge.support.xero.FakeXero.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matches published by the reconciler become payments in Xero exactly once, through the real SDK
 * against the fake Xero: ambiguous failures, 429s and 5xx are retried under the same Idempotency-Key,
 * refusals go to the dead letter and can be replayed, a rolled-back match pays nothing.
 */
class XeroPaymentsIT {

    @TempDir
    static Path dir;

    static FakeXero fake;
    static XeroInstance chatbridge;

    @BeforeAll
    static void start() {
        fake = new FakeXero();
        chatbridge = new XeroInstance(fake, dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        chatbridge.close();
        fake.close();
    }

    @Test
    void aPaymentThatXeroAppliedButAnswered503IsNotPaidTwice() {
        UUID invoice = fake.addInvoice("INV-1001", "Ana Silva", "250.00", "GBP");
        int replayedBefore = fake.replayedAnswers();
        fake.failNextPayments(Fault.APPLIED_BUT_UNAVAILABLE);

        chatbridge.match(1001, invoice, "250.00");

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(chatbridge.state(1001)));
        assertThat(fake.paymentsTo(invoice)).isEqualTo(1);
        assertThat(fake.amountDue(invoice)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(fake.invoiceStatus(invoice)).isEqualTo("PAID");
        assertThat(fake.replayedAnswers() - replayedBefore).isEqualTo(1);
        assertThat(fake.idempotencyKeys()).contains("chatbridge-match-1001-" + invoice);
    }

    @Test
    void aRateLimitedCallWaitsForRetryAfterAndPaysOnce() {
        UUID invoice = fake.addInvoice("INV-1002", "Ben Okafor", "90.00", "GBP");
        fake.failNextPayments(Fault.TOO_MANY_REQUESTS);
        long start = System.nanoTime();

        chatbridge.match(1002, invoice, "90.00");

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(chatbridge.state(1002)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(fake.paymentsTo(invoice)).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilThePaymentIsApplied() {
        UUID invoice = fake.addInvoice("INV-1003", "Chen Wei", "40.00", "GBP");
        fake.failNextPayments(Fault.UNAVAILABLE, Fault.SERVER_ERROR);

        chatbridge.match(1003, invoice, "15.00");

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(chatbridge.state(1003)));
        assertThat(fake.paymentsTo(invoice)).isEqualTo(1);
        assertThat(fake.amountDue(invoice)).isEqualByComparingTo("25.00");
    }

    @Test
    void aRolledBackMatchQueuesNoPayment() {
        UUID rolledBack = fake.addInvoice("INV-1004", "Dana Ruiz", "60.00", "GBP");
        UUID committed = fake.addInvoice("INV-1005", "Eve Adams", "70.00", "GBP");

        chatbridge.match(1004, rolledBack, "60.00", false);
        chatbridge.match(1005, committed, "70.00", true);

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(chatbridge.state(1005)));
        assertThat(chatbridge.state(1004)).isNull();
        assertThat(fake.paymentsTo(rolledBack)).isZero();
        assertThat(fake.amountDue(rolledBack)).isEqualByComparingTo("60.00");
    }

    @Test
    void theSameMatchPublishedTwiceIsQueuedOnce() {
        UUID invoice = fake.addInvoice("INV-1006", "Femi Bello", "80.00", "GBP");

        chatbridge.match(1006, invoice, "80.00");
        chatbridge.match(1006, invoice, "80.00");

        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(chatbridge.state(1006)));
        assertThat(fake.paymentsTo(invoice)).isEqualTo(1);
    }

    @Test
    void aRefusedPaymentIsDeadWithXerosReasonAndAReplaySendsItOnceFixed() throws Exception {
        UUID invoice = fake.addInvoice("INV-1007", "Gil Moreno", "120.00", "GBP");
        fake.setInvoiceStatus(invoice, "DRAFT");

        chatbridge.match(1007, invoice, "120.00");

        await().atMost(Duration.ofSeconds(20)).until(() -> "dead".equals(chatbridge.state(1007)));
        var dead = chatbridge.get("/api/xero/payments?state=dead", true);
        assertThat(dead.statusCode()).isEqualTo(200);
        assertThat(dead.body()).contains("INV-1007").contains("Invoice not of valid status for modification");
        assertThat(fake.paymentsTo(invoice)).isZero();

        fake.setInvoiceStatus(invoice, "AUTHORISED");
        var replay = chatbridge.post("/api/xero/payments/" + chatbridge.idOf(1007) + "/replay");

        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(chatbridge.state(1007)));
        assertThat(fake.paymentsTo(invoice)).isEqualTo(1);
        assertThat(chatbridge
                        .post("/api/xero/payments/" + chatbridge.idOf(1007) + "/replay")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void manyPaymentsTravelFiftyToACallAndOneRefusalDoesNotStopTheOthers() {
        List<UUID> invoices = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            invoices.add(fake.addInvoice("INV-2" + i, "Customer " + i, "10.00", "GBP"));
        }
        int callsBefore = fake.paymentCalls();

        chatbridge
                .context
                .getBean(org.springframework.transaction.support.TransactionTemplate.class)
                .executeWithoutResult(status -> {
                    for (int i = 0; i < 120; i++) {
                        // one of them claims more than is due: Xero refuses that element only
                        chatbridge.match(20_000 + i, invoices.get(i), i == 7 ? "11.00" : "10.00");
                    }
                });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> chatbridge
                                .jdbc()
                                .sql(
                                        "select count(*) from xero_payment where match_id >= 20000 and state in ('sent', 'dead')")
                                .query(Long.class)
                                .single()
                        == 120);
        assertThat(fake.paymentCalls() - callsBefore).isEqualTo(3);
        assertThat(chatbridge.state(20_007)).isEqualTo("dead");
        assertThat(fake.paymentsTo(invoices.get(7))).isZero();
        assertThat(invoices.stream().filter(i -> fake.paymentsTo(i) == 1)).hasSize(119);
        assertThat(chatbridge
                        .jdbc()
                        .sql("select last_error from xero_payment where match_id = 20007")
                        .query(String.class)
                        .single())
                .contains("exceeds the amount outstanding");
    }

    @Test
    void aCallRefusedAsAWholeIsSplitAndEachPaymentTriedAlone() {
        List<UUID> invoices = List.of(
                fake.addInvoice("INV-3001", "Hana Ito", "30.00", "GBP"),
                fake.addInvoice("INV-3002", "Ivo Petrov", "31.00", "GBP"),
                fake.addInvoice("INV-3003", "Jo Lee", "32.00", "GBP"));
        int callsBefore = fake.paymentCalls();
        fake.failNextPayments(Fault.VALIDATION_ERROR);

        chatbridge
                .context
                .getBean(org.springframework.transaction.support.TransactionTemplate.class)
                .executeWithoutResult(status -> {
                    for (int i = 0; i < 3; i++) {
                        chatbridge.match(3001 + i, invoices.get(i), (30 + i) + ".00");
                    }
                });

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "sent".equals(chatbridge.state(3001))
                        && "sent".equals(chatbridge.state(3002))
                        && "sent".equals(chatbridge.state(3003)));
        assertThat(fake.paymentCalls() - callsBefore).isEqualTo(4);
        assertThat(invoices).allMatch(i -> fake.paymentsTo(i) == 1);
    }

    @Test
    void thePaymentsApiNeedsTheAdmin() throws Exception {
        assertThat(chatbridge.get("/api/xero/payments", false).statusCode()).isEqualTo(401);
        assertThat(chatbridge.get("/api/xero/payments?state=nonsense", true).statusCode())
                .isEqualTo(400);
        assertThat(chatbridge.post("/api/xero/payments/999999/replay").statusCode())
                .isEqualTo(404);
        assertThat(chatbridge.get("/api/xero/status", true).body()).contains("\"configured\":true");
    }
}
