package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code import} command end to end: its own Spring context on an embedded database, then a summary. */
class ImportCommandIT {

    private static final String FILE = "src/test/resources/fixtures/chat-exports/own/android-us-crlf-nnbsp.txt";

    @TempDir
    Path dataDir;

    @Test
    void importsASmallFileAndPrintsWhatItDecided() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = ChatbridgeCommand.run(new String[] {
                "import",
                FILE,
                "--business-number",
                "+44 20 7946 0000",
                "--business-author",
                "Bella Pizza",
                "--zone",
                "Europe/London",
                "--data-dir",
                dataDir.toString()
            });
        } finally {
            System.setOut(original);
        }

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(summary) // warnings about the server's parts, which an import does not start
                .doesNotContain("app-secret is not set")
                .doesNotContain("CamelContext has only been running");
        assertThat(summary)
                .contains("Import finished.")
                .contains("\"Bella Pizza\": given with --business-author")
                .contains("MDY")
                .contains("7 read, 7 new")
                .contains("3 system lines, 1 deleted messages")
                .contains("unreadable:     0 lines");
        assertThat(dataDir.resolve("postgres")).isDirectory();
    }

    @Test
    void aMappingsFolderThatIsNotThereIsSaidInOneLineBeforeAnythingStarts() {
        Path missing = dataDir.resolve("no-mappings");

        Run run = run("import", FILE, "--mappings", missing.toString(), "--data-dir", dataDir.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("Import failed: the mappings folder " + missing.toAbsolutePath()
                        + " does not exist; point --mappings (or CHATBRIDGE_MAPPINGS_DIR) to the folder holding the"
                        + " mappings\n");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void mappingsThatCannotBeUsedEndTheImportWithTheirProblemsAndNoStackTrace() throws Exception {
        Path empty = Files.createDirectories(dataDir.resolve("empty-mappings"));

        Run run = run(
                "import",
                FILE,
                "--mappings",
                empty.toString(),
                "--data-dir",
                dataDir.resolve("db").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("Import finished.");
        assertThat(run.err())
                .contains("Import failed: chatbridge could not start: The mappings in " + empty.toAbsolutePath()
                        + " cannot be used")
                .contains("business.yaml: is missing")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    private record Run(int exit, String out, String err) {}

    /** Runs the command line in this JVM, with its standard output and error captured. */
    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = ChatbridgeCommand.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDryRunNeedsNoDatabase() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = ChatbridgeCommand.run(new String[] {
                "import",
                "src/test/resources/fixtures/chat-exports/own/android-broken.txt",
                "--dry-run",
                "--data-dir",
                dataDir.toString()
            });
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Dry run: nothing was written.")
                .contains("android-broken.txt line 3: impossible date");
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }
}
