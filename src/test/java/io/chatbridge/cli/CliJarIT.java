package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: {@code extract} prints nothing but JSON lines on standard output
 * (library log lines go to standard error), so its output can be piped into another program; {@code
 * import} runs in a second JVM with the parallel collector, which answers for it.
 */
class CliJarIT {

    @TempDir
    Path dir;

    @Test
    void extractPrintsOnlyJsonLinesOnStandardOutput() throws Exception {
        Path input = dir.resolve("conversations.jsonl");
        Files.writeString(
                input,
                """
                {"conversation":"c1","business":{"zone":"Europe/London","locale":"en-GB","currency":"GBP"},"from":"447700900123","name":"Ana","timestamp":"2026-11-23T10:00:00Z","text":"Hi, can I book a table for 6 on Friday at 8pm? name is Ana"}
                not json
                """);
        Process process = new ProcessBuilder(
                        java(),
                        "-jar",
                        "target/chatbridge.jar",
                        "extract",
                        "--mappings",
                        "mappings",
                        "--input",
                        input.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        List<String> lines = stdout.lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(new ObjectMapper().readTree(lines.get(0)).path("type").asText())
                .isEqualTo("booking");
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("line 2");
    }

    private static final Path CHAT =
            Path.of("src/test/resources/fixtures/chat-exports/chatminer_android-ddmmyy-24h.txt");

    @Test
    void anImportRunsInASecondJvmWithTheParallelCollectorThatPrintsAndExitsForIt() throws Exception {
        Process process = importing(List.of("import", CHAT.toString(), "--dry-run"), null);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(stdout.lines().filter("Dry run: nothing was written."::equals))
                .hasSize(1);
        List<String> collectors = collectorsUsed();
        if (collectors.get(0).contains("Using G1")) {
            assertThat(collectors).hasSize(2);
            assertThat(collectors.get(1)).contains("Using Parallel");
        } else {
            assertThat(collectors)
                    .as("a JVM that did not choose G1 runs the import itself")
                    .hasSize(1);
        }
    }

    @Test
    void theSecondJvmStartsFromTheBuildsExtractedCopyAndLoadsItsClassesFromTheArchive() throws Exception {
        assertThat(StartArchive.of(Path.of("target/chatbridge.jar")))
                .as("the build's copy and archive of the jar (pom.xml: start-archive-extract, start-archive-train;"
                        + " the training's log: target/chatbridge-cds/" + StartArchive.LOG + ")")
                .isPresent();

        Process process = importing(
                List.of(
                        "-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log") + "::filecount=0",
                        "import",
                        CHAT.toString(),
                        "--dry-run"),
                null);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(stderr() + stdout).isZero();
        assertThat(stdout).contains("Dry run: nothing was written.");
        List<Long> fromArchive = new java.util.ArrayList<>();
        for (Path log : logs("classes-")) {
            try (var lines = Files.lines(log)) {
                fromArchive.add(lines.filter(l -> l.contains("source: shared objects file (top)"))
                        .count());
            }
        }
        if (collectorsUsed().get(0).contains("Using G1")) {
            assertThat(fromArchive).hasSize(2);
            assertThat(fromArchive.get(0)).as("the first JVM, from the jar").isZero();
            assertThat(fromArchive.get(1))
                    .as("the import's JVM (a dry run loads about 1,100 classes)")
                    .isGreaterThan(500);
        } else {
            assertThat(fromArchive)
                    .as("a JVM that did not choose G1 runs the import itself")
                    .hasSize(1);
        }
    }

    @Test
    void aCommandLineLongerThanAPageIsRepeatedToo() throws Exception {
        // Java gives no arguments for such a command line (a class path of Maven's repository); /proc has them
        Process process = importing(
                List.of("-Dchatbridge.test.padding=" + "x".repeat(8_000), "import", CHAT.toString(), "--dry-run"),
                null);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(stderr() + stdout).isZero();
        assertThat(stdout).contains("Dry run: nothing was written.");
        List<String> collectors = collectorsUsed();
        assertThat(collectors).hasSize(collectors.get(0).contains("Using G1") ? 2 : 1);
    }

    @Test
    void aFailedImportInTheSecondJvmExitsWithItsCodeAndSaysSoOnce() throws Exception {
        Process process = importing(List.of("import", dir.resolve("missing.txt").toString(), "--dry-run"), null);
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("stderr.txt"))
                        .lines()
                        .filter(l -> l.startsWith("No such file or folder")))
                .hasSize(1);
    }

    @Test
    void theEnvironmentKeepsTheImportInOneJvm() throws Exception {
        Process process = importing(List.of("import", CHAT.toString(), "--dry-run"), "false");
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(collectorsUsed()).hasSize(1);
    }

    /** The jar run (options starting with -D or -X are the JVM's) with each JVM's collector logged to a file of its own ({@code %p}: the process id). */
    private Process importing(List<String> args, String fork) throws IOException {
        List<String> jvmOptions = args.stream()
                .takeWhile(a -> a.startsWith("-D") || a.startsWith("-X"))
                .toList();
        List<String> command = new java.util.ArrayList<>(
                List.of(java(), "-Xlog:gc:file=" + dir.resolve("gc-%p.log") + "::filecount=0"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/chatbridge.jar"));
        command.addAll(args.subList(jvmOptions.size(), args.size()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().remove(ImportFork.SWITCH);
        if (fork != null) {
            builder.environment().put(ImportFork.SWITCH, fork);
        }
        return builder.start();
    }

    /** The first line of each JVM's collector log ("Using G1"), the first JVM's first (lower process id). */
    private List<String> collectorsUsed() throws IOException {
        List<String> first = new java.util.ArrayList<>();
        for (Path file : logs("gc-")) {
            first.add(Files.readAllLines(file).stream().findFirst().orElse(""));
        }
        return first;
    }

    /** Each JVM's log of a kind, the first JVM's first (lower process id). */
    private List<Path> logs(String prefix) throws IOException {
        try (var logs = Files.list(dir)) {
            return logs.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted(java.util.Comparator.comparingLong(log -> pid(prefix, log)))
                    .toList();
        }
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    private static long pid(String prefix, Path log) {
        String name = log.getFileName().toString();
        return Long.parseLong(name.substring(prefix.length(), name.indexOf('.')));
    }

    private static String java() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
