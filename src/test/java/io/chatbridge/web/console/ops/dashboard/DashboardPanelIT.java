package io.chatbridge.web.console.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.support.console.ConsoleInstance;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The dashboard over a whole instance: every role sees it, the JSON has the hand-counted numbers, bad ranges are 400. */
class DashboardPanelIT {

    @TempDir
    static Path dataDir;

    static ConsoleInstance instance;
    static MockMvc mvc;

    @BeforeAll
    static void start() {
        instance = ConsoleInstance.start(dataDir);
        mvc = instance.mockMvc();
        JdbcClient jdbc = instance.bean(JdbcClient.class);
        jdbc.sql(
                        "insert into conversation (id, channel, phone_number_id, customer_wa_id) values ('d:1', 'whatsapp', 'd', '1')")
                .update();
        String[][] messages = {
            {"in", "2026-10-05T09:00:00Z"}, {"out", "2026-10-05T09:06:00Z"}, {"in", "2026-10-06T12:00:00Z"}
        };
        for (int i = 0; i < messages.length; i++) {
            jdbc.sql(
                            """
                            insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                            values ('whatsapp', ?, 'd:1', ?, 'text', 'hi', ?, '{}'::jsonb)""")
                    .params("dash-" + i, messages[i][0], Timestamp.from(Instant.parse(messages[i][1])))
                    .update();
        }
        jdbc.sql("insert into record (human_id, type, created_at) values ('OR-9001', 'order', '2026-10-05T10:00:00Z')")
                .update();
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void theJsonHasTheNumbersOfTheRange() throws Exception {
        MvcResult result = mvc.perform(get("/console/dashboard/data?from=2026-10-01&to=2026-10-31")
                        .with(user(ConsoleInstance.FINANCE).roles("FINANCE")))
                .andReturn();

        JsonNode numbers = new ObjectMapper().readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(numbers.get("messagesPerDay")).hasSize(31);
        assertThat(numbers.at("/messagesPerDay/4/fromCustomers").asInt()).isEqualTo(1);
        assertThat(numbers.at("/messagesPerDay/4/fromBusiness").asInt()).isEqualTo(1);
        assertThat(numbers.at("/recordsPerType/order").asInt()).isEqualTo(1);
        assertThat(numbers.at("/firstResponse/medianSeconds").asDouble()).isEqualTo(360.0);
        assertThat(numbers.at("/firstResponse/unanswered").asInt()).isEqualTo(1);
    }

    @Test
    void everyRoleSeesThePageWithTheDefinitions() throws Exception {
        for (String role : new String[] {"ADMIN", "AGENT", "FINANCE"}) {
            MvcResult result = mvc.perform(get("/console/dashboard?from=2026-10-01&to=2026-10-31")
                            .with(user(role.toLowerCase()).roles(role)))
                    .andReturn();
            assertThat(result.getResponse().getStatus()).as(role).isEqualTo(200);
            assertThat(result.getResponse().getContentAsString())
                    .contains("6 min", "No-show rate", "opens a burst", "/webjars/echarts/5.3.1/dist/echarts.min.js");
        }
        assertThat(mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    /** A conversation set aside by a failed extraction is listed, masked, with its error, whatever the range. */
    @Test
    void conversationsSetAsideByAFailedExtractionAreListedWithTheirError() throws Exception {
        JdbcClient jdbc = instance.bean(JdbcClient.class);
        jdbc.sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id, extraction_error,
                            extraction_failed_at)
                        values ('d:447700900123', 'whatsapp', 'd', '447700900123',
                            'java.lang.IllegalStateException: broken pattern', '2026-11-20T09:30:00Z')""")
                .update();
        try {
            MvcResult page = mvc.perform(get("/console/dashboard?from=2026-10-01&to=2026-10-31")
                            .with(user("agent").roles("AGENT")))
                    .andReturn();
            MvcResult json = mvc.perform(get("/console/dashboard/data?from=2026-10-01&to=2026-10-31")
                            .with(user("agent").roles("AGENT")))
                    .andReturn();

            assertThat(page.getResponse().getContentAsString())
                    .contains("Conversations not extracted", "1 conversation(s) set aside")
                    .contains("d:447*******23", "java.lang.IllegalStateException: broken pattern")
                    .doesNotContain("447700900123");
            JsonNode unextracted = new ObjectMapper()
                    .readTree(json.getResponse().getContentAsString())
                    .get("unextracted");
            assertThat(unextracted.get("total").asInt()).isEqualTo(1);
            assertThat(unextracted.at("/newest/0/conversation").asText()).isEqualTo("d:447*******23");
        } finally {
            jdbc.sql("delete from conversation where id = 'd:447700900123'").update();
        }
    }

    @Test
    void theNewestConversationsNotExtractedAreListedAndAllAreCounted() throws Exception {
        JdbcClient jdbc = instance.bean(JdbcClient.class);
        jdbc.sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id, extraction_error,
                            extraction_failed_at)
                        select 'many:' || n, 'whatsapp', 'many', n::text, 'java.lang.IllegalStateException: ' || n,
                            timestamptz '2026-11-01T00:00:00Z' + n * interval '1 minute'
                        from generate_series(1, 21) as n""")
                .update();
        try {
            MvcResult json = mvc.perform(
                            get("/console/dashboard/data").with(user("admin").roles("ADMIN")))
                    .andReturn();

            JsonNode unextracted = new ObjectMapper()
                    .readTree(json.getResponse().getContentAsString())
                    .get("unextracted");
            assertThat(unextracted.get("total").asInt()).isEqualTo(21);
            assertThat(unextracted.get("newest")).hasSize(DashboardQueries.UNEXTRACTED_SHOWN);
            assertThat(unextracted.at("/newest/0/error").asText()).isEqualTo("java.lang.IllegalStateException: 21");
        } finally {
            jdbc.sql("delete from conversation where phone_number_id = 'many'").update();
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsABadRequest() throws Exception {
        MvcResult result = mvc.perform(get("/console/dashboard?from=2026-10-31&to=2026-10-01")
                        .with(user("admin").roles("ADMIN")))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentAsString()).contains("before it starts");
    }
}
