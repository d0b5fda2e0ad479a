package io.chatbridge.web.console.ops.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import io.chatbridge.support.console.ConsoleInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The import panel over a whole instance: an admin uploads a chat export from the browser's form, the
 * job's page follows it (htmx polls its state part until it ends) and shows the command's summary; bad
 * options import nothing and say why; only admins may open it.
 */
class ImportsPanelIT {

    private static final Path FILE = Path.of("src/test/resources/fixtures/chat-exports/own/android-us-crlf-nnbsp.txt");

    static MockMvc mvc;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        ConsoleInstance instance = ConsoleInstance.shared();
        mvc = instance.mockMvc();
        jdbc = instance.bean(JdbcClient.class);
    }

    private static RequestPostProcessor as(String name, String role) {
        return user(name).roles(role);
    }

    private static MockMultipartHttpServletRequestBuilder upload(byte[] bytes, String fileName) {
        return multipart("/console/imports").file(new MockMultipartFile("file", fileName, "text/plain", bytes));
    }

    private static MockHttpServletResponse state(String location, boolean htmx) throws Exception {
        var request = get(location).with(as("admin", "ADMIN"));
        return mvc.perform(htmx ? request.header("HX-Request", "true") : request)
                .andReturn()
                .getResponse();
    }

    @Test
    void anAdminUploadsAnExportAndItsPageFollowsTheJobToTheSummary() throws Exception {
        MvcResult started = mvc.perform(upload(Files.readAllBytes(FILE), "android-us-crlf-nnbsp.txt")
                        .param("businessNumber", "+44 20 7946 0771")
                        .param("businessAuthor", "Bella Pizza")
                        .param("zone", "Europe/London")
                        .param("dateOrder", "")
                        .with(as("admin", "ADMIN"))
                        .with(csrf()))
                .andReturn();

        assertThat(started.getResponse().getStatus()).isEqualTo(302);
        String location = started.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/console/imports/");
        String id = location.substring("/console/imports/".length());
        String part = awaitState(location, "done", Duration.ofSeconds(60));
        assertThat(part)
                .startsWith("<section id=\"import-state\"")
                .doesNotContain("hx-trigger") // the poll stops once the job has ended
                .contains(
                        "Import finished.",
                        "&quot;Bella Pizza&quot;: given with the business&#39;s name in the form",
                        "7 read, 7 new");
        assertThat(state(location, false).getContentAsString())
                .contains("<title>Import · chatbridge</title>", "Import of <span>android-us-crlf-nnbsp.txt</span>");
        assertThat(page("/console/imports")).contains("import-" + id, "android-us-crlf-nnbsp.txt", "done");
        assertThat(jdbc.sql("select count(*) from message where channel = 'export' and conversation_id like "
                                + "'442079460771:%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(7);
        assertThat(jdbc.sql("select detail::text from audit_log where action = 'import' and target = ?")
                        .param("import " + id)
                        .query(String.class)
                        .single())
                .isEqualTo("{\"bytes\": " + Files.size(FILE) + "}") // no customer's name from the file's
                .doesNotContain("android");
    }

    @Test
    void aJobStillRunningIsPolledAndShowsItsProgress() throws Exception {
        StringBuilder chat = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            chat.append(String.format(
                    "12/03/2024, %02d:%02d - Sam: message %d about a table for 2%n", i / 60 % 24, i % 60, i));
        }
        MvcResult started = mvc.perform(
                        upload(chat.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "long.txt")
                                .param("businessNumber", "+44 20 7946 0772")
                                .param("dryRun", "true")
                                .with(as("admin", "ADMIN"))
                                .with(csrf()))
                .andReturn();
        String location = started.getResponse().getRedirectedUrl();

        String first = state(location, true).getContentAsString();

        assertThat(first)
                .satisfiesAnyOf(
                        running ->
                                assertThat(running).contains("hx-trigger=\"every 1s\"", "hx-get=\"" + location + "\""),
                        ended -> assertThat(ended).contains("data-state=\"done\"", "Dry run: nothing was written."));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> state(location, true).getContentAsString().contains("Dry run: nothing was written."));
    }

    @Test
    void aJobThatFailsShowsItsErrorAndStopsPolling() throws Exception {
        byte[] cutShort = {'P', 'K', 3, 4, 'c', 'u', 't'};
        String location = mvc.perform(upload(cutShort, "cut.zip")
                        .param("businessNumber", "+44 20 7946 0774")
                        .with(as("admin", "ADMIN"))
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        String part = awaitState(location, "failed", Duration.ofSeconds(30));

        assertThat(part)
                .doesNotContain("hx-trigger")
                .contains("id=\"import-error\"", "cut.zip is a zip that cannot be read");
    }

    @Test
    void withoutAFileOrWithAnUnknownZoneNothingIsImportedAndThePageSaysWhy() throws Exception {
        long before = jobs();

        MvcResult noFile = mvc.perform(multipart("/console/imports")
                        .param("businessNumber", "+44 20 7946 0773")
                        .with(as("admin", "ADMIN"))
                        .with(csrf()))
                .andReturn();
        MvcResult badZone = mvc.perform(upload(Files.readAllBytes(FILE), "chat.txt")
                        .param("zone", "Europe/Atlantis")
                        .with(as("admin", "ADMIN"))
                        .with(csrf()))
                .andReturn();

        assertThat(noFile.getResponse().getRedirectedUrl()).isEqualTo("/console/imports");
        assertThat(noFile.getFlashMap().get("error").toString()).startsWith("Choose a chat export first");
        assertThat(badZone.getFlashMap().get("error").toString())
                .startsWith("Nothing was imported: ")
                .contains("Europe/Atlantis");
        assertThat(jobs()).isEqualTo(before);
        assertThat(state("/console/imports/no-such-job", false).getStatus()).isEqualTo(404);
    }

    @Test
    void onlyAdminsMayOpenOrUseTheImportPanel() throws Exception {
        for (String role : new String[] {"AGENT", "FINANCE"}) {
            assertThat(mvc.perform(get("/console/imports").with(as("someone", role)))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(role)
                    .isEqualTo(403);
            assertThat(mvc.perform(upload(Files.readAllBytes(FILE), "chat.txt")
                                    .with(as("someone", role))
                                    .with(csrf()))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(role)
                    .isEqualTo(403);
        }
        assertThat(mvc.perform(get("/console").with(as("agent.ana", "AGENT")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("/console/imports");
        assertThat(page("/console")).contains("href=\"/console/imports\"");
        assertThat(mvc.perform(upload(Files.readAllBytes(FILE), "chat.txt").with(as("admin", "ADMIN")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("without the CSRF token")
                .isEqualTo(403);
    }

    /** Polls the job's part of its page, as htmx does, until the job is in {@code state}; that part. */
    private static String awaitState(String location, String state, Duration atMost) {
        AtomicReference<String> part = new AtomicReference<>();
        await().atMost(atMost).until(() -> {
            part.set(state(location, true).getContentAsString());
            return part.get().contains("data-state=\"" + state + "\"");
        });
        return part.get();
    }

    private static String page(String path) throws Exception {
        MockHttpServletResponse response =
                mvc.perform(get(path).with(as("admin", "ADMIN"))).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private static long jobs() {
        return jdbc.sql("select count(*) from import_job").query(Long.class).single();
    }
}
