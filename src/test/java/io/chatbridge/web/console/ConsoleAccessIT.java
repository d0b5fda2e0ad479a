package io.chatbridge.web.console;

import static io.chatbridge.support.console.ConsoleInstance.ADMIN;
import static io.chatbridge.support.console.ConsoleInstance.ADMIN_PASSWORD;
import static io.chatbridge.support.console.ConsoleInstance.AGENT;
import static io.chatbridge.support.console.ConsoleInstance.FINANCE;
import static io.chatbridge.support.console.ConsoleInstance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.chatbridge.support.console.ConsoleInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Who may open what: every role rule of the console and the API's Basic chain, over the real filter chains. */
class ConsoleAccessIT {

    static ConsoleInstance instance;
    static MockMvc mvc;

    @BeforeAll
    static void start() {
        instance = ConsoleInstance.shared();
        mvc = instance.mockMvc();
    }

    private static RequestPostProcessor as(ConsoleRole role) {
        return user(role.key() + "-user").roles(role.name());
    }

    private static int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInForm() throws Exception {
        for (String path : new String[] {"/console", "/console/search", "/console/users", "/console/finance"}) {
            MvcResult result = mvc.perform(get(path)).andReturn();
            assertThat(result.getResponse().getStatus()).as(path).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).as(path).endsWith("/login");
        }
        assertThat(status(get("/login"))).isEqualTo(200);
        assertThat(status(get("/console/css/console.css"))).isEqualTo(200);
        assertThat(status(get("/webjars/htmx.org/2.0.4/dist/htmx.min.js"))).isEqualTo(200);
    }

    @Test
    void agentsMayNotOpenFinanceUsersOrEditMappings() throws Exception {
        assertThat(status(get("/console/finance").with(as(ConsoleRole.AGENT)))).isEqualTo(403);
        assertThat(status(get("/console/users").with(as(ConsoleRole.AGENT)))).isEqualTo(403);
        assertThat(status(post("/console/users").with(as(ConsoleRole.AGENT)).with(csrf())))
                .isEqualTo(403);
        assertThat(status(post("/console/mappings/booking")
                        .with(as(ConsoleRole.AGENT))
                        .with(csrf())))
                .isEqualTo(403);
        assertThat(status(post("/console/deliveries/1/replay")
                        .with(as(ConsoleRole.AGENT))
                        .with(csrf())))
                .isEqualTo(403);
        assertThat(status(get("/console/mappings").with(as(ConsoleRole.AGENT)))).isNotEqualTo(403);
        assertThat(status(get("/console").with(as(ConsoleRole.AGENT)))).isEqualTo(200);
    }

    @Test
    void financeMayOpenFinanceButNotUsersMappingsOrRecordEdits() throws Exception {
        assertThat(status(get("/console/finance").with(as(ConsoleRole.FINANCE))))
                .isNotEqualTo(403);
        assertThat(status(get("/console/users").with(as(ConsoleRole.FINANCE)))).isEqualTo(403);
        assertThat(status(get("/console/mappings").with(as(ConsoleRole.FINANCE))))
                .isEqualTo(403);
        assertThat(status(post("/console/records/BK-0001/fields")
                        .with(as(ConsoleRole.FINANCE))
                        .with(csrf())))
                .isEqualTo(403);
    }

    @Test
    void adminsMayOpenEveryPanel() throws Exception {
        assertThat(status(get("/console/users").with(as(ConsoleRole.ADMIN)))).isEqualTo(200);
        for (String path : new String[] {"/console/finance", "/console/mappings", "/console/deliveries"}) {
            assertThat(status(get(path).with(as(ConsoleRole.ADMIN)))).as(path).isNotEqualTo(403);
        }
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        assertThat(status(post("/console/users")
                        .with(as(ConsoleRole.ADMIN))
                        .param("username", "mallory")
                        .param("password", "long-enough-password")
                        .param("role", "admin")))
                .isEqualTo(403);
        assertThat(instance.bean(ConsoleUsers.class).find("mallory")).isEmpty();
    }

    @Test
    void theNavigationListsOnlyThePanelsOfTheRole() throws Exception {
        String agentHome = mvc.perform(get("/console").with(as(ConsoleRole.AGENT)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(agentHome).contains("href=\"/console/search\"").doesNotContain("href=\"/console/finance\"");
        String financeHome = mvc.perform(get("/console").with(as(ConsoleRole.FINANCE)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(financeHome).contains("href=\"/console/finance\"").doesNotContain("href=\"/console/users\"");
    }

    @Test
    void signingInWithTheDatabasePasswordStartsASessionThatExpires() throws Exception {
        MvcResult result =
                mvc.perform(formLogin("/login").user(AGENT).password(PASSWORD)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/console");
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);
        assertThat(status(get("/console").session(session))).isEqualTo(200);
        assertThat(instance.bean(ConsoleAudit.class).forTarget(AGENT, 5))
                .extracting(ConsoleAudit.Entry::action)
                .contains("sign-in");
        assertThat(instance.bean(ConsoleUsers.class).find(AGENT).orElseThrow().lastLogin())
                .isNotNull();
    }

    @Test
    void aWrongPasswordGoesBackToTheFormWithAnError() throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(FINANCE).password("not-the-password"))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void aUsernameWithTooManyFailuresIsRefusedEvenWithTheRightPassword() throws Exception {
        instance.bean(ConsoleUsers.class).add("guessed.user", PASSWORD, ConsoleRole.AGENT);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user("guessed.user").password("guess-" + i));
        }
        MvcResult result = mvc.perform(formLogin("/login").user("guessed.user").password(PASSWORD))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?locked");
    }

    @Test
    void consolePagesAreNeverCached() throws Exception {
        MvcResult result =
                mvc.perform(get("/console").with(as(ConsoleRole.ADMIN))).andReturn();
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    void theApiKeepsTheEnvironmentAdminAndGivesFinanceOnlyReconciliation() throws Exception {
        assertThat(status(get("/api/records").with(httpBasic(ADMIN, ADMIN_PASSWORD))))
                .isEqualTo(200);
        assertThat(status(get("/api/records").with(httpBasic(ADMIN, "wrong")))).isEqualTo(401);
        assertThat(status(get("/api/reconciliation").with(httpBasic(FINANCE, PASSWORD))))
                .isEqualTo(200);
        assertThat(status(get("/api/records").with(httpBasic(FINANCE, PASSWORD))))
                .isEqualTo(403);
        assertThat(status(get("/api/records").with(httpBasic(AGENT, PASSWORD)))).isEqualTo(403);
    }
}
