package io.chatbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.Webhooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server stopped as systemd or Docker stop it (SIGTERM) while its routes are busy: the
 * routes finish and stop first and the embedded PostgreSQL stops last, so no transaction loses its
 * connection half-way (nothing would be lost, but the log would fill with errors an operator has to
 * read), and no postgres process outlives the server. A start that chatbridge refuses says why in
 * Spring's analysis and leaves no postgres behind either.
 */
class EmbeddedDatabaseConfigurationIT {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheRoutesBeforeTheEmbeddedDatabaseAndLeavesNoPostgresBehind() throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("server.log");
        Process server = start(data, output);
        List<ProcessHandle> left;
        try {
            int port = awaitStarted(server, output);
            assertThat(postmasters(data)).as("the embedded database runs").isNotEmpty();
            Webhooks webhooks = new Webhooks(port);
            for (int i = 0; i < 40; i++) {
                String text = "Hi, book a table for " + (2 + i % 6) + " people on 5 December at 7pm, name is Ana";
                byte[] body = Webhooks.textMessage(
                        "wamid.stop" + i, "4477009003" + (10 + i), "Ana", System.currentTimeMillis() / 1000, text);
                assertThat(webhooks.post(body).statusCode()).isEqualTo(200);
            }
            Thread.sleep(1500);

            server.destroy();

            assertThat(server.waitFor(60, TimeUnit.SECONDS))
                    .as("the server exits")
                    .isTrue();
            left = postmasters(data);
        } finally {
            stopLeftovers(server, data);
        }
        List<String> log = Files.readAllLines(output);
        assertThat(server.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
        assertThat(log)
                .as("no error, no connection cut under a transaction")
                .noneMatch(line -> line.contains(" ERROR ")
                        || line.contains("rollback exception")
                        || line.contains("marked as broken")
                        || line.contains("terminating connection due to administrator command"));
        assertThat(indexOf(log, "shut down postmaster"))
                .as("the database stops after the routes")
                .isGreaterThan(indexOf(log, ") shutdown in "));
        assertThat(left).as("postgres processes left").isEmpty();
        assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    /**
     * Spring Boot's guide to class-data archives trains one with {@code -Dspring.context.exit=onRefresh},
     * which halts the JVM after the refresh without closing anything. Before the refusal, the run exited
     * with 0 and left the embedded PostgreSQL running on the data folder.
     */
    @Test
    void exitOnRefreshIsRefusedBeforeTheEmbeddedDatabaseStarts() throws Exception {
        String output = refusedStart(List.of("-Dspring.context.exit=onRefresh"), true);
        assertThat(output)
                .contains("spring.context.exit=onRefresh would halt the JVM without stopping the embedded PostgreSQL")
                .contains("start chatbridge with -XX:ArchiveClassesAtExit=<file>");
    }

    /** Before, the reason came last in a chain of bean-creation exceptions with their stack traces. */
    @Test
    void noAdminPasswordIsToldWithoutAStackTraceAndLeavesNoPostgresBehind() throws Exception {
        String output = refusedStart(List.of(), false);
        assertThat(output)
                .contains("No admin password is set")
                .contains("Set the environment variable CHATBRIDGE_ADMIN_PASSWORD");
    }

    /** Starts the jar, which must refuse to start: Spring's analysis, no stack trace, no postgres left. */
    private String refusedStart(List<String> jvmArguments, boolean adminPassword) throws Exception {
        Path data = dir.resolve("data");
        Path output = dir.resolve("server.log");
        Process server = start(data, output, jvmArguments, adminPassword);
        List<ProcessHandle> left;
        try {
            boolean ended = server.waitFor(150, TimeUnit.SECONDS);
            assertThat(ended)
                    .as(() -> "the run ends; its output:\n" + read(output))
                    .isTrue();
            left = postmasters(data);
        } finally {
            stopLeftovers(server, data);
        }
        String log = Files.readString(output);
        assertThat(left).as("postgres processes left").isEmpty();
        assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
        assertThat(server.exitValue()).as("exit status").isNotZero();
        assertThat(log)
                .contains("APPLICATION FAILED TO START")
                .contains("Action:")
                .doesNotContain("Caused by");
        return log;
    }

    private static String read(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The jar as a user runs it, polling fast so that every route is in a transaction most of the time. */
    private static Process start(Path data, Path output) throws IOException {
        return start(data, output, List.of(), true);
    }

    private static Process start(Path data, Path output, List<String> jvmArguments, boolean adminPassword)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m"));
        command.addAll(jvmArguments);
        command.addAll(List.of(
                "-jar",
                "target/chatbridge.jar",
                "--server.port=0",
                "--chatbridge.data-dir=" + data,
                "--chatbridge.whatsapp.app-secret=" + Webhooks.APP_SECRET,
                "--chatbridge.whatsapp.verify-token=" + Webhooks.VERIFY_TOKEN,
                "--chatbridge.pipeline.poll-millis=50",
                "--chatbridge.outbox.poll-millis=50",
                "--chatbridge.whatsapp.poll-millis=50",
                "--chatbridge.pipeline.start-delay-millis=0"));
        if (adminPassword) {
            command.add("--chatbridge.admin.password=test-admin-password");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CHATBRIDGE_ADMIN_PASSWORD");
        return builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static int awaitStarted(Process server, Path output) throws IOException {
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !server.isAlive() || Files.readString(output).contains("Started ChatbridgeApplication"));
        assertThat(server.isAlive()).as("the server started").isTrue();
        Matcher port = PORT.matcher(Files.readString(output));
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    /** The postmaster of this data directory (its command line names the directory). */
    private static List<ProcessHandle> postmasters(Path data) {
        String pgData = data.toAbsolutePath().normalize().resolve("postgres").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(pgData))
                .toList();
    }

    /** A failed run must not leave its own server or database running on the machine. */
    private static void stopLeftovers(Process server, Path data) throws InterruptedException {
        if (server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle postmaster : postmasters(data)) {
            postmaster.destroy();
        }
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in the server's output");
    }
}
