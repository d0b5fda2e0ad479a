package io.chatbridge.web.console.ops.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFilesTests {

    private static TestDatabase db;

    @TempDir
    Path dir;

    private MappingRegistry registry;
    private MappingFiles files;

    @BeforeAll
    static void database() {
        db = new TestDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @BeforeEach
    void mappings() {
        EditableMappings mappings = new EditableMappings(dir, db);
        registry = mappings.registry;
        files = mappings.files;
    }

    @Test
    void listsTheYamlFilesOfTheFolderOnly() {
        assertThat(files.names())
                .containsExactly("appointment.yaml", "booking.yaml", "business.yaml", "order.yaml", "payment.yaml");
    }

    @Test
    void checkFindsProblemsWithLineAndColumnWithoutTouchingTheFolder() throws Exception {
        String original = Files.readString(dir.resolve("booking.yaml"));
        String broken = original.replaceFirst("type: integer", "type: integr");

        MappingLoader.Result result = files.check("booking.yaml", broken);

        assertThat(result.valid()).isFalse();
        MappingProblem problem = result.problems().get(0);
        assertThat(problem.file()).isEqualTo("booking.yaml");
        assertThat(problem.line()).isPositive();
        assertThat(problem.message()).contains("integr", "integer");
        assertThat(Files.readString(dir.resolve("booking.yaml"))).isEqualTo(original);
    }

    @Test
    void checkSeesClashesWithTheOtherFiles() throws Exception {
        String order = Files.readString(dir.resolve("order.yaml"));
        String clashing = order.replaceFirst("(?m)^id-prefix: \\w+", "id-prefix: BK");

        assertThat(files.check("order.yaml", clashing).problems())
                .anySatisfy(p -> assertThat(p.message()).contains("id-prefix `BK` is already used"));
    }

    @Test
    void refusesToSaveTextWithProblemsAndKeepsTheFile() throws Exception {
        String original = Files.readString(dir.resolve("booking.yaml"));

        List<MappingProblem> problems = files.save("booking.yaml", "type: [unclosed", "alice");

        assertThat(problems).isNotEmpty();
        assertThat(Files.readString(dir.resolve("booking.yaml"))).isEqualTo(original);
        assertThat(files.revisions("booking.yaml", 10)).isEmpty();
    }

    @Test
    void savesAValidTextKeepsThePreviousOneAndReloadsTheRegistry() throws Exception {
        String original = Files.readString(dir.resolve("booking.yaml"));
        String edited = original.replaceFirst("(?m)^window: 48h$", "window: 72h");

        assertThat(files.save("booking.yaml", edited, "alice")).isEmpty();

        assertThat(Files.readString(dir.resolve("booking.yaml"))).isEqualTo(edited);
        assertThat(registry.current().type("booking").orElseThrow().window()).isEqualTo(Duration.ofHours(72));
        assertThat(files.revisions("booking.yaml", 10)).singleElement().satisfies(r -> assertThat(r.savedBy())
                .isEqualTo("alice"));
        String kept = db.jdbc
                .sql("select previous_text from mapping_revision where file = 'booking.yaml'")
                .query(String.class)
                .single();
        assertThat(kept).isEqualTo(original);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aNameOutsideTheFolderIsNotAMappingFile() {
        assertThat(files.read("../pom.xml")).isEmpty();
        assertThatThrownBy(() -> files.check("../../etc/passwd.yaml", "x: 1"))
                .isInstanceOf(MappingFiles.UnknownMappingFileException.class);
        assertThatThrownBy(() -> files.save("new.yaml", "x: 1", "alice"))
                .isInstanceOf(MappingFiles.UnknownMappingFileException.class);
    }
}
