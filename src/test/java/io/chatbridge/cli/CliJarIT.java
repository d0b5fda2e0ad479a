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
 * (library log lines go to standard error), so its output can be piped into another program.
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

    private static String java() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
