package io.chatbridge.web.console.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.ShippedMappings;
import io.chatbridge.support.console.ConsoleBrowser;
import io.chatbridge.support.console.ConsoleInstance;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ops panels in a real headless chromium, signed in through the form: the mapping editor's
 * check as you type and the playground (htmx with the CSRF header), a replay the real worker then
 * delivers, an approval in the finance queue, the dashboard's charts; a screenshot of each page
 * (one at phone width) under {@code target/screenshots/}.
 */
class ConsoleOpsBrowserIT {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path mappings;

    static ConsoleInstance instance;
    static JdbcClient jdbc;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        ShippedMappings.copy(mappings, Map.of());
        instance = ConsoleInstance.start(
                dataDir,
                "--chatbridge.mappings-dir=" + mappings,
                "--chatbridge.payments.scheduled=false",
                // small enough to try a file past it (aFileLargerThanTheServerTakesIsRefusedBeforeItIsSent)
                "--spring.servlet.multipart.max-file-size=256KB",
                "--spring.servlet.multipart.max-request-size=256KB");
        jdbc = instance.bean(JdbcClient.class);
        browser = ConsoleBrowser.open(instance.port);
        browser.signIn(ConsoleInstance.ADMIN, ConsoleInstance.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        try {
            browser.close();
        } finally {
            instance.close();
        }
    }

    @Test
    void theEditorFlagsABrokenLineAsYouTypeAndThePlaygroundShowsTheRecord() {
        browser.go("/console/mappings");
        browser.await(By.id("mapping-files"));
        browser.screenshot("ops-mappings");

        browser.go("/console/mappings/booking.yaml");
        WebElement editor = browser.await(By.id("editor"));
        browser.await(By.id("no-problems"));
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\nfields: [unclosed");
        browser.await(By.cssSelector("#problems .problem-list"));
        assertThat(browser.find(By.id("problems")).getText()).containsPattern("booking\\.yaml:\\d+:\\d+");
        browser.screenshot("ops-mapping-edit-problems");

        browser.go("/console/mappings/booking.yaml");
        long rows = writtenRows();
        browser.await(By.id("playground-text"))
                .sendKeys("Ana: Hi, a table for 8 people on 14 December at 7pm please\n"
                        + "Business: Of course, under which name?\nAna: name is Ana Souza");
        browser.find(By.id("try")).click();
        browser.await(By.id("draft-0"));

        assertThat(browser.find(By.cssSelector("#draft-0 tr[data-field='guests'] td.value"))
                        .getText())
                .isEqualTo("8");
        assertThat(browser.find(By.cssSelector("#draft-0 tr[data-field='customer_name'] td.value"))
                        .getText())
                .isEqualTo("Ana Souza");
        assertThat(writtenRows()).isEqualTo(rows);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView()", browser.find(By.id("playground-result")));
        browser.screenshot("ops-mapping-playground");
    }

    private static long writtenRows() {
        return OpsData.count(
                jdbc,
                "select (select count(*) from record) + (select count(*) from record_change) + (select count(*) from delivery)");
    }

    @Test
    void aDeadDeliveryIsReplayedFromThePageAndDelivered() {
        long dead = OpsData.deadDelivery(
                jdbc, "log", OpsData.record(jdbc, "BK-8001", "booking"), "400 the sheet refused the row");
        new io.chatbridge.common.RateBucket(jdbc, "sheets-write", 50 / 60.0, 8);

        browser.go("/console/deliveries");
        browser.await(By.id("delivery-" + dead));
        browser.screenshot("ops-deliveries");
        browser.find(By.id("replay-" + dead)).click();
        browser.awaitText(By.cssSelector(".flash.ok"), "queued again");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> OpsData.state(jdbc, dead).equals("done"));
        browser.resize(390, 844).go("/console/deliveries");
        browser.await(By.id("sinks"));
        browser.screenshot("ops-deliveries-phone");
        browser.resize(1280, 900);
    }

    /** The form's multipart post passes the CSRF check; the job's part of the page is polled until it ends. */
    @Test
    void aChatExportIsUploadedFromTheImportPageAndItsSummaryAppears() {
        browser.go("/console/imports");
        browser.await(By.id("import-form"));
        browser.screenshot("ops-imports");
        startTheFixturesImport("+44 20 7946 0881");

        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
                        By.id("import-summary"), "Import finished."));
        assertThat(browser.find(By.id("import-summary")).getText()).contains("7 read, 7 new");
        assertThat(browser.find(By.id("import-state-name")).getText()).isEqualTo("done");
        browser.screenshot("ops-import-done");
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from message where channel = 'export' and conversation_id like ?",
                        "442079460881:%"))
                .isEqualTo(7);
    }

    /** On the import page: sends the seven-message fixture with the business's name and this number. */
    private static void startTheFixturesImport(String businessNumber) {
        browser.find(By.id("import-file"))
                .sendKeys(Path.of("src/test/resources/fixtures/chat-exports/own/android-us-crlf-nnbsp.txt")
                        .toAbsolutePath()
                        .toString());
        browser.find(By.name("businessNumber")).sendKeys(businessNumber);
        browser.find(By.name("businessAuthor")).sendKeys("Bella Pizza");
        browser.find(By.id("import-start")).click();
    }

    /**
     * The job page's button cancels an import: one waiting behind a large import started through the API
     * (this class's instance takes small uploads only) is cancelled at once and never imports anything.
     */
    @Test
    void anImportWaitingBehindAnotherIsCancelledFromItsPage() throws java.io.IOException {
        io.chatbridge.importer.ImportJobs jobs = instance.bean(io.chatbridge.importer.ImportJobs.class);
        java.io.StringWriter export = new java.io.StringWriter();
        io.chatbridge.importer.ExportGenerator.write(export, 200_000);
        String ahead = jobs.submit(
                "ahead.txt",
                new java.io.ByteArrayInputStream(export.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new io.chatbridge.importer.ImportRequest(
                        Path.of("ahead.txt"),
                        "+44 20 7946 0884",
                        "Bella Pizza",
                        null,
                        java.util.Locale.UK,
                        java.time.ZoneId.of("Europe/London"),
                        null,
                        false));
        try {
            browser.go("/console/imports");
            browser.await(By.id("import-form"));
            startTheFixturesImport("+44 20 7946 0885");
            browser.awaitText(By.id("import-state-name"), "queued");

            // the state part is swapped every second: find the button afresh until a click lands
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(driver -> {
                        driver.findElement(By.id("cancel-import")).click();
                        return true;
                    });

            browser.awaitText(By.id("import-state-name"), "cancelled");
            assertThat(browser.find(By.id("import-error")).getText())
                    .isEqualTo("cancelled before it started: nothing was imported");
            assertThat(browser.driver().getPageSource()).contains("The import was cancelled before it started.");
            browser.screenshot("ops-import-cancelled");
            assertThat(OpsData.count(
                            jdbc,
                            "select count(*) from import_job where state = 'cancelled' and source = ?",
                            "android-us-crlf-nnbsp.txt"))
                    .isEqualTo(1);
        } finally {
            assertThat(jobs.cancel(ahead)).isEqualTo(io.chatbridge.importer.ImportJobs.Cancel.STOPPING);
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> jobs.progressOf(ahead).isEmpty());
        }
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from message where channel = 'export' and conversation_id like ?",
                        "442079460885:%"))
                .isZero();
        assertThat(OpsData.count(jdbc, "select count(*) from import_job where id = ? and state = 'cancelled'", ahead))
                .isEqualTo(1);
    }

    /**
     * Past the server's upload limit the server cannot read the form's CSRF field and answered "denied"
     * (or an empty 401): the page now refuses such a file before sending it, and says why.
     */
    @Test
    void aFileLargerThanTheServerTakesIsRefusedBeforeItIsSent() throws java.io.IOException {
        Path big = java.nio.file.Files.writeString(
                dataDir.resolve("big-chat.txt"), "12/03/2024, 10:00 - Sam: hello there\n".repeat(10_000));
        browser.go("/console/imports");
        browser.await(By.id("import-form"));

        browser.find(By.id("import-file")).sendKeys(big.toAbsolutePath().toString());
        browser.awaitText(By.id("import-too-large"), "this server takes");
        browser.find(By.name("businessNumber")).sendKeys("+44 20 7946 0882");
        browser.find(By.id("import-start")).click();

        assertThat(browser.path()).isEqualTo("/console/imports");
        assertThat(browser.find(By.id("import-too-large")).getText())
                .startsWith("big-chat.txt is ")
                .contains(" MB, more than the ", "import it with the command instead");
        browser.screenshot("ops-import-too-large");
        assertThat(OpsData.count(jdbc, "select count(*) from import_job where source = 'big-chat.txt'"))
                .isZero();
    }

    /**
     * The same limit through the API (this class's instance has a small one): a 413 with an empty body
     * before, as the refusal comes before any controller is chosen; now a problem detail with the limit.
     */
    @Test
    void anUploadPastTheLimitThroughTheApiSaysTheLimit() throws Exception {
        String boundary = "chatbridge-test";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\n" + "x".repeat(300 << 10) + "\r\n--" + boundary + "--\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + instance.port + "/api/imports"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString((ConsoleInstance.ADMIN + ":"
                                                                        + ConsoleInstance.ADMIN_PASSWORD)
                                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("\"title\":\"Upload too large\"")
                .contains("larger than this server takes (256 KB, spring.servlet.multipart.max-file-size)");
    }

    @Test
    void aWaitingMatchIsApprovedFromTheFinanceQueue() {
        long entry = OpsData.bankEntry(jdbc, LocalDate.of(2026, 11, 20), "120.00", "BK-0042 dinner for 8");
        long match = OpsData.matchForReview(jdbc, entry, "inv-browser", "120.00");

        browser.go("/console/finance");
        browser.await(By.id("approve-" + match));
        browser.screenshot("ops-finance");
        browser.find(By.id("approve-" + match)).click();
        browser.awaitText(By.id("match-" + match), "approved");

        assertThat(OpsData.count(jdbc, "select count(*) from xero_payment where match_id = ?", match))
                .isEqualTo(1);
    }

    @Test
    void theDashboardDrawsItsCharts() {
        jdbc.sql(
                        "insert into conversation (id, channel, phone_number_id, customer_wa_id) values ('b:1', 'whatsapp', 'b', '1')")
                .update();
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            jdbc.sql(
                            """
                            insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                            values ('whatsapp', ?, 'b:1', ?, 'text', 'hi', ?, '{}'::jsonb)""")
                    .params("b-" + i, i % 2 == 0 ? "in" : "out", Timestamp.from(now.minus(Duration.ofHours(20L * i))))
                    .update();
        }

        browser.go("/console/dashboard");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "true".equals(browser.find(By.id("dashboard")).getAttribute("data-drawn")));
        assertThat(browser.find(By.cssSelector("#chart-messages canvas")).isDisplayed())
                .isTrue();
        browser.screenshot("ops-dashboard");
        browser.resize(390, 844).go("/console/dashboard");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "true".equals(browser.find(By.id("dashboard")).getAttribute("data-drawn")));
        browser.screenshot("ops-dashboard-phone");
        browser.resize(1280, 900);
    }
}
