package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.importer.ExportGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's import stopped by SIGTERM (what a supervisor sends; Ctrl-C sends SIGINT to both JVMs)
 * while it stores a file: it says what it stored, closes its database (no PostgreSQL left running, no
 * stack trace), and the same command again adds exactly the rest. Before, Spring's shutdown hook closed
 * the database under the running import, which failed with "Failed to obtain JDBC Connection", stack
 * traces, and an interrupted stop of PostgreSQL.
 */
class ImportSignalIT {

    private static final Pattern STOPPED = Pattern.compile("Import stopped: ([\\d,]+) new messages were stored\\.");
    private static final Pattern MESSAGES = Pattern.compile("messages: +([\\d,]+) read, ([\\d,]+) new");

    @TempDir
    Path dir;

    @Test
    void anImportStoppedWhileStoringSaysWhatItStoredClosesItsDatabaseAndTheSameCommandAddsTheRest() throws Exception {
        Path export = dir.resolve("export.txt");
        try (var out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            ExportGenerator.write(out, 600_000); // stored in 10-20 s: the first progress line (at 5 s) shows it storing
        }
        Path data = dir.resolve("data");

        Process first = importing(export, data, "first");
        awaitLine(dir.resolve("first.err"), "(importing)", first);
        first.destroy(); // SIGTERM to the first JVM, which stops the second and waits for it
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(dir.resolve("first.err"));
        String out = Files.readString(dir.resolve("first.out"));
        assertThat(first.exitValue()).as(err).isEqualTo(128 + 15);
        Matcher stopped = STOPPED.matcher(err);
        assertThat(stopped.find()).as(err).isTrue();
        assertThat(err).contains("(stopped)");
        assertThat(err + out).doesNotContain("Exception").doesNotContain(" ERROR ");
        assertThat(processesOf(data))
                .as("no JVM or PostgreSQL of the import left running")
                .isEmpty();

        Process again = importing(export, data, "again");
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String summary = Files.readString(dir.resolve("again.out"));
        assertThat(again.exitValue())
                .as(Files.readString(dir.resolve("again.err")))
                .isZero();
        Matcher messages = MESSAGES.matcher(summary);
        assertThat(messages.find()).as(summary).isTrue();
        long stored = number(stopped.group(1));
        assertThat(stored).isPositive();
        assertThat(number(messages.group(2))).isEqualTo(number(messages.group(1)) - stored);
    }

    private Process importing(Path export, Path data, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        java(),
                        "-jar",
                        "target/chatbridge.jar",
                        "import",
                        export.toString(),
                        "--business-author",
                        "Bella Pizza",
                        "--business-number",
                        "+442079460000",
                        "--data-dir",
                        data.toString())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().remove(ImportFork.SWITCH);
        return builder.start();
    }

    /** Waits until the progress (a line each 5 s when not on a terminal) shows the phase. */
    private static void awaitLine(Path file, String phase, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(file) && Files.readString(file).contains(phase)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import never showed " + phase + ":\n" + Files.readString(file));
    }

    private static List<String> processesOf(Path data) {
        String path = data.toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(path))
                .toList();
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
