package io.chatbridge.web.console;

import static io.chatbridge.support.console.ConsoleInstance.AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.chatbridge.support.console.ConsoleFixtures;
import io.chatbridge.support.console.ConsoleInstance;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Search, customer and record pages over a whole instance, with records made by signed webhooks. */
class ConsolePagesIT {

    static final String WA_ID = "447700900731";
    static final String OTHER_WA_ID = "447700900732";

    static ConsoleInstance instance;
    static ConsoleFixtures fixtures;
    static MockMvc mvc;
    static String booking;

    @BeforeAll
    static void start() {
        instance = ConsoleInstance.shared();
        fixtures = new ConsoleFixtures(instance);
        mvc = instance.mockMvc();
        booking = fixtures.booking(WA_ID, "Marta Quintero");
        fixtures.booking(OTHER_WA_ID, "Joao Pereira");
    }

    private static RequestPostProcessor agent() {
        return user(AGENT).roles("AGENT");
    }

    private static MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String page(String path) throws Exception {
        MockHttpServletResponse response = perform(get(path).with(agent()));
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void aPhoneNumberInAnotherFormatFindsTheCustomerAndTheirBooking() throws Exception {
        for (String typed : new String[] {"07700 900731", "0044 7700-900731", "+44 (7700) 900 731", WA_ID}) {
            String html = perform(
                            get("/console/search").param("customer", typed).with(agent()))
                    .getContentAsString();
            assertThat(html)
                    .as(typed)
                    .contains("id=\"customers\"")
                    .contains("/console/customers/" + WA_ID)
                    .contains(booking)
                    .doesNotContain("/console/customers/" + OTHER_WA_ID);
        }
    }

    @Test
    void partOfANameFindsTheCustomerWhateverTheCase() throws Exception {
        String html = page("/console/search?customer=QUINTER");
        assertThat(html).contains(booking).contains("Marta Quintero").doesNotContain("Joao Pereira");
    }

    @Test
    void freeTextMatchesWordPrefixesInFieldsAndSourceMessages() throws Exception {
        // "peop" is only in the source message ("we'll be 8 people"), not in any field
        assertThat(page("/console/search?q=peop&customer=" + WA_ID)).contains(booking);
        assertThat(page("/console/search?q=" + booking)).contains(booking).doesNotContain("Joao Pereira");
        assertThat(page("/console/search?q=wedding&customer=" + WA_ID)).contains("Nothing matches");
        assertThat(page("/console/search?q=%26%7C!:*()")).contains("Nothing matches");
    }

    @Test
    void typeStatusDateAndTagFiltersNarrowTheResults() throws Exception {
        assertThat(page("/console/search?type=booking&status=new&customer=" + WA_ID))
                .contains(booking);
        assertThat(page("/console/search?type=order&customer=" + WA_ID)).contains("Nothing matches");
        assertThat(page("/console/search?status=cancelled&customer=" + WA_ID)).contains("Nothing matches");
        assertThat(page("/console/search?from=2000-01-01&to=2000-01-31&customer=" + WA_ID))
                .contains("Nothing matches");
        fixtures.jdbc()
                .sql("update record set fields = fields || '{\"tags\": [\"vip\"]}'::jsonb where human_id = ?")
                .param(booking)
                .update();
        assertThat(page("/console/search?tag=vip")).contains(booking).doesNotContain("Joao Pereira");
    }

    @Test
    void aDateRangeThatEndsBeforeItStartsIsExplained() throws Exception {
        MockHttpServletResponse response =
                perform(get("/console/search?from=2026-02-01&to=2026-01-01").with(agent()));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("ends (2026-01-01) before it starts");
    }

    @Test
    void resultsComeFiftyToAPageWithALinkToTheNext() throws Exception {
        fixtures.jdbc()
                .sql(
                        """
                        insert into record (human_id, type, status, fields, complete)
                        select 'PG-' || g, 'order', 'paging', jsonb_build_object('customer_name', 'Pagina ' || g), true
                        from generate_series(1, 60) g""")
                .update();
        String first = page("/console/search?status=paging");
        assertThat(first).contains("id=\"next-page\"").contains("status=paging&amp;page=2");
        assertThat(count(first, "/console/records/PG-")).isEqualTo(50);
        String second = page("/console/search?status=paging&page=2");
        assertThat(count(second, "/console/records/PG-")).isEqualTo(10);
        assertThat(second).doesNotContain("id=\"next-page\"");
    }

    @Test
    void anHtmxRequestGetsOnlyTheResults() throws Exception {
        String fragment = perform(get("/console/search?customer=" + WA_ID)
                        .header("HX-Request", "true")
                        .with(agent()))
                .getContentAsString();
        assertThat(fragment).contains(booking).doesNotContain("<html").doesNotContain("<form id=\"search\"");
    }

    @Test
    void theCustomerPageShowsTheirMessagesAndRecordsOnOneTimeline() throws Exception {
        String html = page("/console/customers/" + WA_ID);
        assertThat(html)
                .contains("Marta Quintero")
                .contains("we&#39;ll be 8 people")
                .contains("/console/records/" + booking);
        assertThat(perform(get("/console/customers/449999999999").with(agent())).getStatus())
                .isEqualTo(404);
    }

    @Test
    void theRecordPageShowsProvenanceHistoryAndDeliveries() throws Exception {
        String html = page("/console/records/" + booking);
        assertThat(html)
                .contains("<mark>8")
                .contains("id=\"deliveries\"")
                .contains(">log<")
                .contains("id=\"history\"");
        assertThat(perform(get("/console/records/BK-9999").with(agent())).getStatus())
                .isEqualTo(404);
    }

    @Test
    void anAgentsFieldEditMakesANewVersionForEverySinkAndIsAudited() throws Exception {
        String humanId = fixtures.booking("447700900733", "Edit Tester");
        int version = version(humanId);
        MockHttpServletResponse response = perform(post("/console/records/" + humanId + "/fields")
                .param("field", "guests")
                .param("value", "12")
                .with(agent())
                .with(csrf()));
        assertThat(response.getRedirectedUrl()).isEqualTo("/console/records/" + humanId);
        assertThat(version(humanId)).isEqualTo(version + 1);
        assertThat(fixtures.jdbc()
                        .sql("select fields ->> 'guests' from record where human_id = ?")
                        .param(humanId)
                        .query(String.class)
                        .single())
                .isEqualTo("12");
        assertThat(fixtures.jdbc()
                        .sql("select origin || ':' || cause from record_change c join record r on r.id = c.record_id "
                                + "where r.human_id = ? and c.field = 'guests' order by c.id desc limit 1")
                        .param(humanId)
                        .query(String.class)
                        .single())
                .isEqualTo("admin:console:" + AGENT);
        assertThat(perform(get("/console/records/" + humanId).with(agent())).getContentAsString())
                .as("the page says who set the field, not the message it was first read from")
                .contains("set by " + AGENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredVersion(humanId) == version + 1);
        assertThat(instance.bean(ConsoleAudit.class).forTarget(humanId, 5))
                .extracting(ConsoleAudit.Entry::action, ConsoleAudit.Entry::username)
                .contains(org.assertj.core.groups.Tuple.tuple("field-edit", AGENT));
    }

    @Test
    void aValueThatDoesNotFitTheFieldChangesNothingAndSaysWhy() throws Exception {
        int version = version(booking);
        var result = mvc.perform(post("/console/records/" + booking + "/fields")
                        .param("field", "guests")
                        .param("value", "many")
                        .with(agent())
                        .with(csrf()))
                .andReturn();
        assertThat(result.getFlashMap().get("error").toString()).contains("guests: 'many' is not a whole number");
        assertThat(version(booking)).isEqualTo(version);
        assertThat(mvc.perform(post("/console/records/" + booking + "/fields")
                                .param("field", "guests")
                                .param("value", "900")
                                .with(agent())
                                .with(csrf()))
                        .andReturn()
                        .getFlashMap()
                        .get("error")
                        .toString())
                .contains("between 1 and 500");
    }

    @Test
    void financeSeesARecordButNoEditForm() throws Exception {
        String html = perform(
                        get("/console/records/" + booking).with(user("fin").roles("FINANCE")))
                .getContentAsString();
        assertThat(html).contains(booking).doesNotContain("/fields\"");
    }

    private static int version(String humanId) {
        return fixtures.jdbc()
                .sql("select version from record where human_id = ?")
                .param(humanId)
                .query(Integer.class)
                .single();
    }

    private static int deliveredVersion(String humanId) {
        return fixtures.jdbc()
                .sql("select coalesce(max(d.delivered_version), 0) from delivery d join record r on r.id = d.record_id "
                        + "where r.human_id = ? and d.sink = 'log'")
                .param(humanId)
                .query(Integer.class)
                .single();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
