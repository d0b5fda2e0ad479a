package io.chatbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole reconciliation path on one instance (embedded PostgreSQL, real HTTP, the shipped mappings
 * and extractor): a customer's signed WhatsApp claim, a bank statement uploaded or dropped into the
 * watched folder, and an open invoice from the books become a stored match that explains itself, a
 * {@link PaymentMatched} published in the deciding transaction, a row in the finance workbook, and the
 * payment record {@code paid} (which sends the receipt).
 */
class ReconciliationEndToEndIT {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @TempDir
    static Path dataDir;

    static FakeGraphApi graph;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static FinanceApi api;
    static JdbcClient jdbc;
    static TestInvoices books;

    @BeforeAll
    static void start() {
        TestClock.INSTANCE.set(NOW);
        graph = new FakeGraphApi();
        String[] graphProperties = graph.properties();
        String[] properties = new String[graphProperties.length + 2];
        System.arraycopy(graphProperties, 0, properties, 0, graphProperties.length);
        properties[graphProperties.length] = "--chatbridge.payments.default-currency=GBP";
        properties[graphProperties.length + 1] = "--chatbridge.payments.reconcile-every=1h";
        app = TestApplication.startWithClock(dataDir, List.of(TestInvoices.Config.class), properties);
        webhooks = new Webhooks(TestApplication.port(app));
        api = new FinanceApi(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
        books = app.getBean(TestInvoices.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
        TestClock.INSTANCE.reset();
    }

    @Test
    void aClaimAnUploadedStatementAndAnOpenInvoiceBecomeAPaidMatchInTheReport() throws IOException {
        String customer = "447700900801";
        String recordId = claim(
                customer, "wamid.pay1", "Hi, I paid 250 GBP for invoice INV-2041 by bank transfer, name is Ana Lima");
        books.open.add(invoice("INV-2041", "Ana Lima", "+" + customer, "250.00"));
        byte[] statement = camt("E2E-1", "250.00", "CRDT", "ANA LIMA", "Payment INV-2041");

        HttpResponse<String> uploaded = api.upload("statement.xml", statement);

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(api.parse(uploaded).get("newEntries").asInt()).isEqualTo(1);
        JsonNode match = single(api.get("/api/reconciliation?state=matched"), "INV-2041");
        assertThat(match.get("automatic").asBoolean()).isTrue();
        assertThat(match.get("claim").get("recordId").asText()).isEqualTo(recordId);
        assertThat(match.get("explanation").asText())
                .startsWith("reference INV-2041 in remittance info; amount equal")
                .contains("claim " + recordId);
        PaymentMatched event = books.matched.stream()
                .filter(e -> e.invoiceNumber().equals("INV-2041"))
                .findFirst()
                .orElseThrow();
        assertThat(event.amount()).isEqualByComparingTo("250.00");
        assertThat(event.recordId()).isEqualTo(recordId);
        assertThat(event.bankReference()).isEqualTo("E2E-1");
        assertThat(event.matchId()).isEqualTo(match.get("matchId").asLong());
        assertThat(books.publishedInTransaction).containsOnly(true);
        assertThat(status(recordId)).isEqualTo("paid");
        assertThat(reportRows("Matched")).anySatisfy(row -> assertThat(row).contains("INV-2041", recordId));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !graph.acceptedTo("+" + customer).isEmpty());
        assertThat(graph.acceptedTo("+" + customer).get(0).text())
                .contains("INV-2041")
                .contains(recordId);

        HttpResponse<String> again = api.upload("statement-copy.xml", statement);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(api.parse(again).get("alreadyImported").asBoolean()).isTrue();
        assertThat(books.matched.stream().filter(e -> e.invoiceNumber().equals("INV-2041")))
                .hasSize(1);
    }

    @Test
    void aStatementDroppedIntoTheWatchedFolderIsImportedOnceAndMovedAside() throws IOException {
        Path folder = dataDir.resolve("statements");
        Files.createDirectories(folder);
        String csv = "\uFEFFDate;Payee;Reference;Amount\r\n25/11/2026;Unknown Trading Ltd;stock;1.234,56\r\n";
        Files.writeString(folder.resolve("export.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("broken.xml"), "<Document><BkToCstmrStmt>", StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve(".done/export.csv")));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve(".failed/broken.xml")));

        JsonNode unclaimed = api.get("/api/reconciliation?state=unclaimed");
        assertThat(unclaimed.findValuesAsText("counterparty")).contains("Unknown Trading Ltd");
        Files.writeString(folder.resolve("export-again.csv"), csv, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve(".done/export-again.csv")));
        assertThat(jdbc.sql("select count(*) from bank_entry where counterparty = 'Unknown Trading Ltd'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAmountThatDiffersWaitsForAPersonAndApprovalPaysIt() {
        books.open.add(invoice("INV-3001", "Bruno Costa", null, "300.00"));
        api.upload("fees.xml", camt("E2E-2", "294.50", "CRDT", "BRUNO COSTA", "INV-3001"));
        JsonNode waiting = single(api.get("/api/reconciliation"), "INV-3001");
        assertThat(waiting.get("state").asText()).isEqualTo("amount_differs");
        assertThat(waiting.get("explanation").asText()).contains("294.50 received, 300.00 due");
        assertThat(books.matched).noneMatch(e -> e.invoiceNumber().equals("INV-3001"));

        HttpResponse<String> approved =
                api.post("/api/reconciliation/" + waiting.get("matchId").asLong() + "/approve", null);
        HttpResponse<String> twice =
                api.post("/api/reconciliation/" + waiting.get("matchId").asLong() + "/approve", null);

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(twice.statusCode()).isEqualTo(409);
        JsonNode matched = single(api.get("/api/reconciliation?state=matched"), "INV-3001");
        assertThat(matched.get("decidedBy").asText()).isEqualTo("admin");
        assertThat(books.matched.stream().filter(e -> e.invoiceNumber().equals("INV-3001")))
                .singleElement()
                .satisfies(e -> assertThat(e.amount()).isEqualByComparingTo("294.50"));
    }

    @Test
    void anUnclaimedEntryIsLinkedToAnInvoiceByHand() {
        books.open.add(invoice("INV-4001", "Carla Dias", null, "120.00"));
        api.upload("anon.xml", camt("E2E-3", "120.00", "CRDT", "C AND D HOLDINGS", "thanks"));
        long entryId = api.get("/api/reconciliation?state=unclaimed").findValues("entry").stream()
                .filter(e -> e.get("bankReference").asText().equals("E2E-3"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();

        HttpResponse<String> linked = api.post(
                "/api/reconciliation/link",
                "{\"entryId\":" + entryId
                        + ",\"invoices\":[{\"source\":\"test-books\",\"invoiceId\":\"id-INV-4001\"}]}");

        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
        assertThat(single(api.get("/api/reconciliation?state=matched"), "INV-4001")
                        .get("rule")
                        .asText())
                .isEqualTo("by-hand");
        assertThat(books.matched).anyMatch(e -> e.invoiceNumber().equals("INV-4001"));
    }

    @Test
    void anUnreadableUploadIsRefusedWithTheReasonAndTheApiNeedsAnAdmin() {
        HttpResponse<String> refused = api.upload("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("no date and amount");
        assertThat(api.anonymousGet("/api/reconciliation").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/reconciliation?state=nonsense").toString()).contains("unknown state");
    }

    @Test
    void anImageWhoseCaptionIsAClaimGoesWithItsMatchToTheApiAndTheReport() throws IOException {
        String customer = "447700900811";
        webhooks.post(Webhooks.imageMessage(
                "wamid.img-claim",
                customer,
                "Bo",
                NOW.getEpochSecond(),
                "Hi, I paid 120 GBP for invoice INV-2051 by bank transfer, name is Bo Chen",
                "media-2051"));
        String recordId = awaitClaim(customer);
        books.open.add(invoice("INV-2051", "Bo Chen", "+" + customer, "120.00"));

        api.upload("image-claim.xml", camt("E2E-IMG1", "120.00", "CRDT", "BO CHEN", "Payment INV-2051"));

        JsonNode screenshot = onlyScreenshot("INV-2051", recordId);
        assertThat(screenshot.get("mediaId").asText()).isEqualTo("media-2051");
        assertThat(screenshot.get("messageId").asText()).isEqualTo("wamid.img-claim");
        assertThat(screenshot.get("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(status(recordId)).isEqualTo("paid");
        assertThat(reportRows("Matched")).anySatisfy(row -> assertThat(row).contains("INV-2051", "media-2051"));
    }

    @Test
    void aScreenshotSentBeforeTheClaimWaitsAndGoesWithTheClaimOnceItArrivesButAnOldOneDoesNot() {
        String customer = "447700900812";
        long claimedAt = NOW.getEpochSecond();
        webhooks.post(Webhooks.imageMessage("wamid.shot-old", customer, "Cy", claimedAt - 7200, null, "media-old"));
        webhooks.post(Webhooks.imageMessage("wamid.shot-new", customer, "Cy", claimedAt - 600, null, "media-new"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from message where external_id like 'wamid.shot-%'")
                                .query(Long.class)
                                .single()
                        == 2);
        webhooks.post(Webhooks.textMessage(
                "wamid.shot-claim", customer, "Cy", claimedAt, "I paid 80 GBP for invoice INV-2052, name is Cy Dube"));
        String recordId = awaitClaim(customer);
        books.open.add(invoice("INV-2052", "Cy Dube", "+" + customer, "80.00"));

        api.upload("screenshot-claim.xml", camt("E2E-IMG2", "80.00", "CRDT", "CY DUBE", "INV-2052"));

        JsonNode screenshot = onlyScreenshot("INV-2052", recordId);
        assertThat(screenshot.get("mediaId").asText()).isEqualTo("media-new");
        assertThat(screenshot.get("sha256").asText()).isEqualTo("sha-media-new");
    }

    /** The one screenshot of the automatic match paying {@code invoiceNumber} with the claim {@code recordId}. */
    private static JsonNode onlyScreenshot(String invoiceNumber, String recordId) {
        JsonNode match = single(api.get("/api/reconciliation?state=matched"), invoiceNumber);
        assertThat(match.get("claim").get("recordId").asText()).isEqualTo(recordId);
        assertThat(match.get("screenshots")).hasSize(1);
        return match.get("screenshots").get(0);
    }

    private static String claim(String customer, String wamid, String text) {
        webhooks.post(Webhooks.textMessage(wamid, customer, "Ana", NOW.getEpochSecond(), text));
        return awaitClaim(customer);
    }

    private static String awaitClaim(String customer) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from record where type = 'payment' and customer_phone = ?")
                                .param("+" + customer)
                                .query(Long.class)
                                .single()
                        == 1);
        return jdbc.sql("select human_id from record where type = 'payment' and customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .single();
    }

    private static String status(String recordId) {
        return jdbc.sql("select status from record where human_id = ?")
                .param(recordId)
                .query(String.class)
                .single();
    }

    private static JsonNode single(JsonNode items, String invoiceNumber) {
        List<JsonNode> found = new java.util.ArrayList<>();
        items.forEach(item -> item.get("invoices").forEach(i -> {
            if (i.get("invoiceNumber").asText().equals(invoiceNumber)) {
                found.add(item);
            }
        }));
        assertThat(found).as(items.toString()).hasSize(1);
        return found.get(0);
    }

    private static List<String> reportRows(String tab) throws IOException {
        HttpResponse<byte[]> report = api.getBytes("/api/reconciliation/report");
        assertThat(report.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.body()))) {
            Sheet sheet = workbook.getSheet(tab);
            List<String> rows = new java.util.ArrayList<>();
            sheet.forEach(row -> {
                StringBuilder text = new StringBuilder();
                row.forEach(cell -> text.append(cell.toString()).append(" | "));
                rows.add(text.toString());
            });
            return rows;
        }
    }

    private static OpenInvoice invoice(String number, String contact, String phone, String due) {
        return new OpenInvoice(
                "id-" + number, number, contact, phone, new BigDecimal(due), "GBP", TODAY.minusDays(10), null);
    }

    static byte[] camt(String bankRef, String amount, String sign, String payer, String remittance) {
        String xml =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
                <GrpHdr><MsgId>%1$s</MsgId><CreDtTm>2026-11-25T18:00:00Z</CreDtTm></GrpHdr>
                <Stmt><Id>S-%1$s</Id><Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id><Ccy>GBP</Ccy></Acct>
                <Ntry><Amt Ccy="GBP">%2$s</Amt><CdtDbtInd>%3$s</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-11-25</Dt></BookgDt><AcctSvcrRef>%1$s</AcctSvcrRef>
                <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>%4$s</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Ustrd>%5$s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
                </Stmt></BkToCstmrStmt></Document>"""
                        .formatted(bankRef, amount, sign, payer, remittance);
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
