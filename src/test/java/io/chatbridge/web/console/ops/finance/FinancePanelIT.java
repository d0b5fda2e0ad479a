package io.chatbridge.web.console.ops.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.chatbridge.support.console.ConsoleInstance;
import io.chatbridge.web.console.ops.OpsData;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The finance queue over a whole instance: a waiting match is shown with its score and reason;
 * approving it queues the Xero payment (the real listener writes the row in the decision's
 * transaction) and is audited under the finance user's name; a second decision is refused; agents
 * get 403.
 */
class FinancePanelIT {

    private static final RequestPostProcessor FINANCE =
            user(ConsoleInstance.FINANCE).roles("FINANCE");

    @TempDir
    static Path dataDir;

    static ConsoleInstance instance;
    static MockMvc mvc;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        instance = ConsoleInstance.start(dataDir, "--chatbridge.payments.scheduled=false");
        mvc = instance.mockMvc();
        jdbc = instance.bean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void showsWaitingMatchesWithScoreAndReason() throws Exception {
        long entry = OpsData.bankEntry(jdbc, LocalDate.of(2026, 11, 20), "120.00", "BK-0042 dinner");
        long match = OpsData.matchForReview(jdbc, entry, "inv-show", "120.00");

        String page = body(get("/console/finance").with(FINANCE), 200);

        assertThat(page)
                .contains("match-" + match, "0.72", "payer name close to the contact", "BK-0042 dinner")
                .contains("approve-" + match, "reject-" + match, "/console/finance/report");
    }

    @Test
    void approvingQueuesTheXeroPaymentAndIsAuditedUnderTheUsersName() throws Exception {
        long entry = OpsData.bankEntry(jdbc, LocalDate.of(2026, 11, 21), "80.00", "deposit Ana");
        long match = OpsData.matchForReview(jdbc, entry, "inv-approve", "80.00");

        String row = body(
                post("/console/finance/" + match + "/approve").with(FINANCE).with(csrf()), 200);
        String again = body(
                post("/console/finance/" + match + "/approve").with(FINANCE).with(csrf()), 200);

        assertThat(row).contains("Match " + match + " approved");
        assertThat(again).contains("not waiting for a decision");
        assertThat(jdbc.sql("select state, decided_by from reconcile_match where id = ?")
                        .param(match)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                        .single())
                .isEqualTo("matched/" + ConsoleInstance.FINANCE);
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from xero_payment where match_id = ? and invoice_id = 'inv-approve'",
                        match))
                .isEqualTo(1);
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from audit_log where action = 'payment-approve' and target = ? and username = ?",
                        "reconciliation match " + match,
                        ConsoleInstance.FINANCE))
                .isEqualTo(1);
    }

    @Test
    void rejectingPaysNothing() throws Exception {
        long entry = OpsData.bankEntry(jdbc, LocalDate.of(2026, 11, 22), "55.00", "unknown");
        long match = OpsData.matchForReview(jdbc, entry, "inv-reject", "55.00");

        assertThat(body(
                        post("/console/finance/" + match + "/reject")
                                .with(FINANCE)
                                .with(csrf()),
                        200))
                .contains("rejected");

        assertThat(OpsData.count(jdbc, "select count(*) from xero_payment where match_id = ?", match))
                .isZero();
        assertThat(OpsData.count(
                        jdbc, "select count(*) from reconcile_match where id = ? and state = 'rejected'", match))
                .isEqualTo(1);
    }

    @Test
    void linkingByHandNeedsAnOpenInvoiceAndSaysWhyNot() throws Exception {
        long entry = OpsData.bankEntry(jdbc, LocalDate.of(2026, 11, 23), "30.00", "cash deposit");

        MvcResult result = mvc.perform(post("/console/finance/link")
                        .with(FINANCE)
                        .with(csrf())
                        .param("entryId", String.valueOf(entry))
                        .param("source", "xero")
                        .param("invoiceId", "no-such-invoice"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getFlashMap().get("error").toString()).contains("Not linked", "no-such-invoice");
        assertThat(OpsData.count(jdbc, "select count(*) from reconcile_match where bank_entry_id = ?", entry))
                .isZero();
    }

    @Test
    void theReportDownloadsAsAWorkbook() throws Exception {
        MvcResult result =
                mvc.perform(get("/console/finance/report").with(FINANCE)).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).contains("spreadsheetml");
        assertThat(result.getResponse().getContentAsByteArray()).startsWith('P', 'K');
    }

    @Test
    void agentsMayNotSeeOrDecideAndAdminsMay() throws Exception {
        RequestPostProcessor agent = user(ConsoleInstance.AGENT).roles("AGENT");
        long entry = OpsData.bankEntry(jdbc, LocalDate.of(2026, 11, 24), "10.00", "x");
        long match = OpsData.matchForReview(jdbc, entry, "inv-agent", "10.00");

        body(get("/console/finance").with(agent), 403);
        body(post("/console/finance/" + match + "/approve").with(agent).with(csrf()), 403);
        body(get("/console/finance/report").with(agent), 403);
        body(get("/console/finance").with(user("admin").roles("ADMIN")), 200);
        assertThat(OpsData.count(jdbc, "select count(*) from reconcile_match where id = ? and state = 'review'", match))
                .isEqualTo(1);
    }

    private static String body(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return result.getResponse().getContentAsString();
    }
}
