package io.chatbridge.web.console.ops.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.chatbridge.common.RateBucket;
import io.chatbridge.support.console.ConsoleInstance;
import io.chatbridge.web.console.ops.OpsData;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The deliveries panel over a whole instance: dead letters of the real log sink are shown with their
 * error and replayed (one, or all of a sink in one statement) until the real worker delivers them;
 * every replay is audited; agents look but cannot replay; finance does not see it.
 */
class DeliveriesPanelIT {

    @TempDir
    static Path dataDir;

    static ConsoleInstance instance;
    static MockMvc mvc;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        instance = ConsoleInstance.start(dataDir);
        mvc = instance.mockMvc();
        jdbc = instance.bean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void showsADeadDeliveryWithItsErrorAndTheRequestBudgets() throws Exception {
        long record = OpsData.record(jdbc, "BK-7001", "booking");
        long dead = OpsData.deadDelivery(jdbc, "log", record, "400 the sheet refused the row: header Guests missing");
        new RateBucket(jdbc, "sheets-write-test", 1, 10);

        String page = page(get("/console/deliveries").with(as("admin", "ADMIN")), 200);

        assertThat(page)
                .contains("delivery-" + dead, "BK-7001", "header Guests missing", "replay-" + dead)
                .contains("sheets-write-test", "of 10")
                .contains("Xero payments", "HubSpot", "Request budgets");
    }

    @Test
    void replayingOneDeadDeliveryQueuesItAndTheWorkerDeliversIt() throws Exception {
        long record = OpsData.record(jdbc, "BK-7002", "booking");
        long dead = OpsData.deadDelivery(jdbc, "log", record, "503 gave up");

        MvcResult result = mvc.perform(post("/console/deliveries/" + dead + "/replay")
                        .with(as("admin", "ADMIN"))
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getFlashMap().get("message").toString()).contains("queued again");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> OpsData.state(jdbc, dead).equals("done"));
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from audit_log where action = 'replay' and target = ?",
                        "delivery " + dead))
                .isEqualTo(1);
    }

    @Test
    void replayAllDeadTakesEveryDeadDeliveryOfThatSinkOnly() throws Exception {
        long a = OpsData.deadDelivery(jdbc, "log", OpsData.record(jdbc, "BK-7003", "booking"), "e");
        long b = OpsData.deadDelivery(jdbc, "log", OpsData.record(jdbc, "BK-7004", "booking"), "e");
        long elsewhere = OpsData.deadDelivery(jdbc, "gone-sink", OpsData.record(jdbc, "BK-7005", "booking"), "e");

        MvcResult result = mvc.perform(post("/console/deliveries/log/replay-dead")
                        .with(as("admin", "ADMIN"))
                        .with(csrf()))
                .andReturn();

        assertThat(result.getFlashMap().get("message").toString()).contains("dead deliveries to log are queued again");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> OpsData.state(jdbc, a).equals("done")
                        && OpsData.state(jdbc, b).equals("done"));
        assertThat(OpsData.state(jdbc, elsewhere)).isEqualTo("dead");
        assertThat(jdbc.sql(
                                "select detail->>'deliveries' from audit_log where action = 'replay-dead' and target = 'sink log'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void replayingADeadXeroPaymentPutsItBackInItsQueue() throws Exception {
        long payment = jdbc.sql(
                        """
                        insert into xero_payment (match_id, idempotency_key, invoice_id, amount, currency, paid_on, state, last_error)
                        values (1, 'chatbridge-match-1-inv', 'inv', 10, 'EUR', current_date, 'dead', 'Invoice not AUTHORISED') returning id""")
                .query(Long.class)
                .single();

        assertThat(page(get("/console/deliveries").with(as("admin", "ADMIN")), 200))
                .contains("Invoice not AUTHORISED");
        mvc.perform(post("/console/deliveries/xero/" + payment + "/replay")
                .with(as("admin", "ADMIN"))
                .with(csrf()));

        assertThat(jdbc.sql("select state from xero_payment where id = ?")
                        .param(payment)
                        .query(String.class)
                        .single())
                .isEqualTo("pending");
        assertThat(OpsData.count(jdbc, "select count(*) from audit_log where target = ?", "xero payment " + payment))
                .isEqualTo(1);
    }

    @Test
    void agentsSeeTheQueuesButCannotReplayAndFinanceCannotOpenThem() throws Exception {
        long dead = OpsData.deadDelivery(jdbc, "log", OpsData.record(jdbc, "BK-7006", "booking"), "boom");

        String asAgent = page(get("/console/deliveries").with(as("agent.ana", "AGENT")), 200);
        int replay = mvc.perform(post("/console/deliveries/" + dead + "/replay")
                        .with(as("agent.ana", "AGENT"))
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(asAgent).contains("delivery-" + dead).doesNotContain("replay-" + dead);
        assertThat(replay).isEqualTo(403);
        assertThat(OpsData.state(jdbc, dead)).isEqualTo("dead");
        page(get("/console/deliveries").with(as("finance.fei", "FINANCE")), 403);
        int withoutCsrf = mvc.perform(
                        post("/console/deliveries/" + dead + "/replay").with(as("admin", "ADMIN")))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(withoutCsrf).isEqualTo(403);
    }

    private static String page(org.springframework.test.web.servlet.RequestBuilder request, int status)
            throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return result.getResponse().getContentAsString();
    }

    private static RequestPostProcessor as(String name, String role) {
        return user(name).roles(role);
    }
}
