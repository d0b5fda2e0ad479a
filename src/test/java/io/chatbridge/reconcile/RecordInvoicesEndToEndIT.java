package io.chatbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.record.RecordService;
import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 7 with the invoices kept as records and no Xero at all: orders are the invoices
 * ({@code chatbridge.payments.record-invoices.type=order}, the order mapping giving its status to the
 * books side and a receipt when it is paid, as README §Payments shows). A customer's order, their
 * claim and a bank statement become a match against the order, and the order becomes {@code paid},
 * which sends the order's receipt through the automations.
 */
class RecordInvoicesEndToEndIT {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String CUSTOMER = "447700900871";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path mappings;

    static FakeGraphApi graph;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static FinanceApi api;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws IOException {
        TestClock.INSTANCE.set(NOW);
        ordersAreInvoices();
        graph = new FakeGraphApi();
        List<String> properties = new ArrayList<>(List.of(graph.properties()));
        properties.addAll(List.of(
                "--chatbridge.mappings-dir=" + mappings,
                "--chatbridge.payments.default-currency=GBP",
                "--chatbridge.payments.reconcile-every=1h",
                "--chatbridge.payments.record-invoices.type=order",
                "--chatbridge.payments.record-invoices.amount-field=total_amount",
                "--chatbridge.payments.record-invoices.customer-field=customer_name"));
        app = TestApplication.startWithClock(dataDir, List.of(), properties.toArray(String[]::new));
        webhooks = new Webhooks(TestApplication.port(app));
        api = new FinanceApi(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    /** The shipped mappings, with the order's status owned by the books side and a receipt when paid. */
    private static void ordersAreInvoices() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        Path order = mappings.resolve("order.yaml");
        String yaml = Files.readString(order)
                .replace(
                        "\nbusiness-key:",
                        """
                          status:
                            type: text
                            owner: xero

                        business-key:""")
                .replace(
                        "\nautomations:\n",
                        """

                        automations:
                          confirmations:
                            - when-status: paid
                              text:
                                en: "Thank you! Order {id} is paid in full."
                        """);
        Files.writeString(order, yaml);
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
        TestClock.INSTANCE.reset();
    }

    @Test
    void aClaimAndAStatementAgainstAnOrderWithoutXeroMakeTheOrderPaidAndSendItsReceipt() {
        assertThat(app.getBeansOfType(OpenInvoices.class).values())
                .extracting(OpenInvoices::source)
                .contains("records")
                .doesNotContain("xero");
        webhooks.post(Webhooks.textMessage(
                "wamid.rec-order1",
                CUSTOMER,
                "Ana",
                NOW.getEpochSecond(),
                "Hi, I'd like to order 2 chocolate cakes for delivery on Friday, my name is Ana Lima"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recordOf("order") != null);
        String order = recordOf("order");
        // staff put the price on the order (an admin may change any field)
        app.getBean(RecordService.class)
                .applyChange(order, "admin", Map.of("total_amount", "60.00", "customer_name", "Ana Lima"), "priced");
        webhooks.post(Webhooks.textMessage(
                "wamid.rec-pay1",
                CUSTOMER,
                "Ana",
                NOW.getEpochSecond() + 60,
                "Hi, I paid 60 GBP by bank transfer, reference " + order + ", name is Ana Lima"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recordOf("payment") != null);

        HttpResponse<String> uploaded = api.upload(
                "statement.xml", ReconciliationEndToEndIT.camt("REC-1", "60.00", "CRDT", "ANA LIMA", "Cakes " + order));

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(api.get("/api/reconciliation?state=matched").toString())
                .contains("\"source\":\"records\"")
                .contains(order)
                .contains(recordOf("payment"));
        assertThat(status(order)).isEqualTo("paid");
        assertThat(status(recordOf("payment"))).isEqualTo("paid");
        await().atMost(Duration.ofSeconds(30)).until(() -> graph.acceptedTo("+" + CUSTOMER).stream()
                .anyMatch(r -> r.text() != null && r.text().contains("Order " + order + " is paid")));
    }

    private static String recordOf(String type) {
        return jdbc.sql("select human_id from record where type = ? and customer_phone = ? order by id limit 1")
                .params(type, "+" + CUSTOMER)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static String status(String humanId) {
        return jdbc.sql("select status from record where human_id = ?")
                .param(humanId)
                .query(String.class)
                .single();
    }
}
