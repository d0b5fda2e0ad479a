package io.chatbridge.web.console.ops.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.support.ShippedMappings;
import io.chatbridge.support.console.ConsoleInstance;
import io.chatbridge.web.console.ops.OpsData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * The mappings panel over a whole instance with its own copy of the shipped mappings: the list, the
 * editor's check as you type, saving (refused with problems; kept, reloaded and audited when valid),
 * the playground (writes nothing), and who may do which.
 */
class MappingsPanelIT {

    private static final RequestPostProcessor ADMIN =
            user(ConsoleInstance.ADMIN).roles("ADMIN");
    private static final RequestPostProcessor AGENT =
            user(ConsoleInstance.AGENT).roles("AGENT");

    @TempDir
    static Path dataDir;

    @TempDir
    static Path mappings;

    static ConsoleInstance instance;
    static MockMvc mvc;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        ShippedMappings.copy(mappings, Map.of());
        instance = ConsoleInstance.start(dataDir, "--chatbridge.mappings-dir=" + mappings);
        mvc = instance.mockMvc();
        jdbc = instance.bean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void listsTheFilesWithTheRecordTypesTheyDefine() throws Exception {
        assertThat(body(get("/console/mappings").with(AGENT), 200))
                .contains("booking.yaml", "business settings", "BK", "event_date, guests");
    }

    @Test
    void checkAnswersWithLineAndColumnOfEachProblem() throws Exception {
        String broken =
                Files.readString(mappings.resolve("booking.yaml")).replaceFirst("type: integer", "type: integr");

        String fragment = body(
                post("/console/mappings/booking.yaml/check")
                        .with(ADMIN)
                        .with(csrf())
                        .param("content", broken),
                200);

        assertThat(fragment)
                .contains("id=\"problems\"", "problem", "integr")
                .containsPattern("booking\\.yaml:\\d+:\\d+");
        assertThat(body(
                        post("/console/mappings/booking.yaml/check")
                                .with(ADMIN)
                                .with(csrf())
                                .param("content", Files.readString(mappings.resolve("booking.yaml"))),
                        200))
                .contains("No problems");
    }

    @Test
    void savingRefusesProblemsThenKeepsReloadsAndAuditsAValidText() throws Exception {
        Path file = mappings.resolve("appointment.yaml");
        String original = Files.readString(file);
        String edited = original.replaceFirst("(?m)^window: 48h$", "window: 36h");

        body(post("/console/mappings/appointment.yaml").with(ADMIN).with(csrf()).param("content", "type: [oops"), 422);
        assertThat(Files.readString(file)).isEqualTo(original);

        MvcResult saved = mvc.perform(post("/console/mappings/appointment.yaml")
                        .with(ADMIN)
                        .with(csrf())
                        .param("content", edited))
                .andReturn();

        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        assertThat(Files.readString(file)).isEqualTo(edited);
        assertThat(instance.bean(MappingRegistry.class)
                        .current()
                        .type("appointment")
                        .orElseThrow()
                        .window())
                .isEqualTo(Duration.ofHours(36));
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from mapping_revision where file = 'appointment.yaml' and previous_text = ?",
                        original))
                .isEqualTo(1);
        assertThat(OpsData.count(
                        jdbc,
                        "select count(*) from audit_log where action = 'mapping-save' and username = ?",
                        ConsoleInstance.ADMIN))
                .isEqualTo(1);
    }

    @Test
    void thePlaygroundShowsFieldsWithTheirWordsAndWritesNothing() throws Exception {
        long before = rows();

        String result = body(
                post("/console/mappings/playground")
                        .with(ADMIN)
                        .with(csrf())
                        .param("source", "paste")
                        .param("mapping", "saved")
                        .param("businessAuthor", "Business")
                        .param(
                                "text",
                                "Ana: Hi, a table for 8 people on 14 December at 7pm please\nBusiness: Which name?\nAna: name is Ana Souza"),
                200);

        assertThat(result).contains("booking", "data-field=\"guests\"", "Ana Souza", "<mark>");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void agentsReadButCannotCheckSaveOrPlay() throws Exception {
        String editor = body(get("/console/mappings/booking.yaml").with(AGENT), 200);

        assertThat(editor).contains("readonly").doesNotContain("id=\"save\"", "hx-post");
        body(post("/console/mappings/booking.yaml").with(AGENT).with(csrf()).param("content", "x"), 403);
        body(
                post("/console/mappings/booking.yaml/check")
                        .with(AGENT)
                        .with(csrf())
                        .param("content", "x"),
                403);
        body(post("/console/mappings/playground").with(AGENT).with(csrf()).param("text", "x"), 403);
        body(get("/console/mappings").with(user(ConsoleInstance.FINANCE).roles("FINANCE")), 403);
    }

    @Test
    void aFileOutsideTheFolderIsRefused() throws Exception {
        body(get("/console/mappings/..%2F..%2Fpom.xml").with(ADMIN), 400);
        body(get("/console/mappings/nothing.yaml").with(ADMIN), 400);
    }

    private static long rows() {
        return OpsData.count(
                jdbc,
                "select (select count(*) from record) + (select count(*) from record_change) + (select count(*) from delivery)");
    }

    private static String body(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return result.getResponse().getContentAsString();
    }
}
