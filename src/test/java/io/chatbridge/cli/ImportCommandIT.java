package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
