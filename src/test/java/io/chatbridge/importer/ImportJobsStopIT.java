package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.TestApplication;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A server stopped (its context closed, as SIGTERM does) while an API import runs: the import stops at its
 * next message before the database closes, and the job says what was stored. Before, the database closed
 * under the import, which failed on its connection and stayed "running" until the next start marked it
 * failed without saying how far it had got.
 */
class ImportJobsStopIT {

    private static final Pattern STORED = Pattern.compile("the server stopped during this import: ([\\d,]+) new");

    @TempDir
    Path dataDir;

    @Test
    void aServerThatStopsDuringAnImportStopsItFirstAndTheJobSaysWhatWasStored() throws Exception {
        ConfigurableApplicationContext server = TestApplication.startWithShippedMappings(dataDir);
        ImportJobs jobs = server.getBean(ImportJobs.class);
        String id = submit(jobs, 200_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (jobs.progressOf(id).map(ImportProgress::messagesParsed).orElse(0L) < 60_000
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(jobs.progressOf(id).map(ImportProgress::phase)).contains(ImportProgress.Phase.IMPORTING);

        server.close();

        ConfigurableApplicationContext again = TestApplication.startWithShippedMappings(dataDir);
        try {
            ImportJobs.JobStatus status =
                    again.getBean(ImportJobs.class).status(id).orElseThrow();
            assertThat(status.state()).isEqualTo("failed");
            Matcher stored = STORED.matcher(status.error());
            assertThat(stored.find()).as(status.error()).isTrue();
            long messages = again.getBean(JdbcClient.class)
                    .sql("select count(*) from message where channel = 'export'")
                    .query(Long.class)
                    .single();
            assertThat(Long.parseLong(stored.group(1).replace(",", "")))
                    .isPositive()
                    .isEqualTo(messages);
        } finally {
            again.close();
        }
    }

    /**
     * A job whose failure cannot be written (the database refuses) keeps its upload, so the next start's
     * check fails it. It was removed, and the job showed "running" for ever.
     */
    @Test
    void aJobThatCannotBeMarkedFailedKeepsItsUploadSoTheNextStartFailsIt() throws Exception {
        ConfigurableApplicationContext server = TestApplication.startWithShippedMappings(dataDir);
        try {
            ImportJobs jobs = server.getBean(ImportJobs.class);
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            String id = submit(jobs, 20_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (jobs.progressOf(id).map(ImportProgress::phase).orElse(null) != ImportProgress.Phase.IMPORTING
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            jdbc.sql("alter table import_job rename to import_job_away").update();
            while (jobs.progressOf(id).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            jdbc.sql("alter table import_job_away rename to import_job").update();

            jobs.failUnfinished();

            ImportJobs.JobStatus status = jobs.status(id).orElseThrow();
            assertThat(status.state()).isEqualTo("failed");
            assertThat(status.error()).startsWith("the server stopped before this import finished");
            assertThat(dataDir.resolve("imports").resolve(id)).doesNotExist();
        } finally {
            server.close();
        }
    }

    private static String submit(ImportJobs jobs, int lines) throws java.io.IOException {
        StringWriter export = new StringWriter();
        ExportGenerator.write(export, lines);
        return jobs.submit(
                "export.txt",
                new ByteArrayInputStream(export.toString().getBytes(StandardCharsets.UTF_8)),
                new ImportRequest(
                        Path.of("export.txt"),
                        "+44 20 7946 0000",
                        "Bella Pizza",
                        null,
                        Locale.UK,
                        ZoneId.of("Europe/London"),
                        null,
                        false));
    }
}
