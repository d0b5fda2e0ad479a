package io.chatbridge.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Imports started through the API: the upload is kept under {@code <data-dir>/imports/} until its
 * import has run, imports run one at a time in the background, and their state is in the
 * {@code import_job} table (so any instance can answer a status request); the live counters of the
 * running one come from memory.
 */
@Service
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final String STOPPED = "the server stopped before this import finished; upload the file again "
            + "(messages imported already are not added twice)";

    private static final String STOPPED_WITH_THE_SERVER = "the server stopped during this import: %,d new messages"
            + " were stored; upload the file again to finish (messages imported already are not added twice)";

    private static final String CANCELLED = "cancelled: %,d new messages were stored, and they become records as any"
            + " message does; upload the file again to import the rest (messages imported already are not added twice)";

    private static final String CANCELLED_WHILE_EXTRACTING = "cancelled while extracting: the %,d new messages"
            + " are all stored, and records were made from %,d of them; the server reads the rest as it reads any"
            + " message";

    private static final String CANCELLED_QUEUED = "cancelled before it started: nothing was imported";

    /** How long a stopping server waits for its running import to stop at its next message. */
    private static final long STOP_SECONDS = 30;

    private static final String INTERNAL_ERROR = "the import stopped on an internal error (%s; see the server log); "
            + "conversations it had not extracted yet may have no records: upload the file again once the cause "
            + "is fixed (messages imported already are not added twice)";

    /** What {@code GET /api/imports/{id}} shows. */
    public record JobStatus(
            String id,
            String state,
            String source,
            String phase,
            Map<String, Object> progress,
            Object summary,
            String error) {}

    private final ChatImporter importer;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Path folder;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "import-jobs"));
    private final Map<String, ImportProgress> running = new ConcurrentHashMap<>();
    /** Jobs of {@link #running} that an admin cancelled: their stop is a cancellation, not the server's. */
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    /** What {@link #cancel} did. */
    public enum Cancel {
        /** Running here: it stops at its next message. */
        STOPPING,
        /** Queued here: cancelled at once, it never starts. */
        CANCELLED,
        /** Done, failed or cancelled already. */
        ENDED,
        /** Queued or running in another instance that shares the database: only that one can stop it. */
        ELSEWHERE,
        UNKNOWN
    }

    ImportJobs(
            ChatImporter importer, JdbcClient jdbc, ObjectMapper json, @Value("${chatbridge.data-dir}") Path dataDir) {
        this.importer = importer;
        this.jdbc = jdbc;
        this.json = json;
        this.folder = dataDir.toAbsolutePath().normalize().resolve("imports");
    }

    /** Keeps the upload and queues its import; returns the job id. */
    public String submit(String fileName, InputStream upload, ImportRequest options) throws IOException {
        String id = UUID.randomUUID().toString();
        String name = uploadName(fileName);
        Path file = folder.resolve(id).resolve(name);
        ImportProgress progress = new ImportProgress();
        running.put(id, progress); // before its folder exists, so failUnfinished never takes it for a left-over
        try {
            Files.createDirectories(file.getParent());
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
            jdbc.sql("insert into import_job (id, state, source) values (?, 'queued', ?)")
                    .params(id, name)
                    .update();
        } catch (IOException | RuntimeException e) {
            running.remove(id);
            deleteUpload(file.getParent());
            throw e;
        }
        ImportRequest request = new ImportRequest(
                file,
                options.businessNumber(),
                options.businessAuthor(),
                options.customerNumber(),
                options.locale(),
                options.zone(),
                options.dateOrder(),
                options.dryRun());
        runner.submit(() -> run(id, request, progress));
        return id;
    }

    /**
     * The upload's own file name without any folder, so the summary and its unreadable lines name the file
     * that was sent; {@code export.txt} when there is none to use. Zips are told by their bytes, not by name.
     */
    static String uploadName(String fileName) {
        String name = fileName == null
                ? ""
                : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        return name.isEmpty() || name.startsWith(".") || name.getBytes(StandardCharsets.UTF_8).length > 200
                ? "export.txt"
                : name;
    }

    /**
     * Cancels a job. One this instance runs stops at its next message, as the command's Ctrl-C stops an
     * import: what was stored stays and is extracted like any message, and the same file uploaded again adds
     * only the rest. One it has queued is cancelled at once and never starts.
     */
    public Cancel cancel(String id) {
        ImportProgress progress = running.get(id);
        if (progress != null) {
            cancelled.add(id);
            progress.requestStop();
            if (jdbc.sql("update import_job set state = 'cancelled', error = ?, finished_at = now() "
                                    + "where id = ? and state = 'queued'")
                            .params(CANCELLED_QUEUED, id)
                            .update()
                    > 0) {
                running.remove(id, progress); // no progress to show: it never starts (see run)
                return Cancel.CANCELLED;
            }
            return Cancel.STOPPING;
        }
        return jdbc.sql("select state from import_job where id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .map(state -> Set.of("queued", "running").contains(state) ? Cancel.ELSEWHERE : Cancel.ENDED)
                .orElse(Cancel.UNKNOWN);
    }

    private void run(String id, ImportRequest request, ImportProgress progress) {
        if (jdbc.sql("update import_job set state = 'running' where id = ? and state = 'queued'")
                        .param(id)
                        .update()
                == 0) {
            running.remove(id, progress); // cancelled while it waited
            cancelled.remove(id);
            deleteUpload(request.source().getParent());
            return;
        }
        boolean keepUpload = false;
        try {
            ImportSummary summary = importer.run(request, progress);
            jdbc.sql("update import_job set state = 'done', summary = ?::jsonb, finished_at = now() where id = ?")
                    .params(json.writeValueAsString(summary), id)
                    .update();
        } catch (ImportStopped e) {
            if (cancelled.contains(id)) {
                log.info("Import {} cancelled", id);
                keepUpload = !ended(
                        id,
                        "cancelled",
                        e.extracting()
                                ? CANCELLED_WHILE_EXTRACTING.formatted(e.stored(), e.extracted())
                                : CANCELLED.formatted(e.stored()));
            } else {
                log.info("Import {} stopped with the server", id);
                keepUpload = !ended(id, "failed", STOPPED_WITH_THE_SERVER.formatted(e.stored()));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Import {} failed: {}", id, e.getClass().getSimpleName());
            keepUpload = !failed(id, e.getMessage());
        } catch (Error e) {
            // Only IOException and RuntimeException were caught: the job stayed "running" and, its upload
            // removed, not even a restart failed it. Nobody reads this task's Future, so the error is logged
            // in full here rather than thrown into it.
            log.error("Import {} stopped on {}", id, e.getClass().getSimpleName(), e);
            keepUpload = !failed(id, INTERNAL_ERROR.formatted(e.getClass().getSimpleName()));
        } finally {
            running.remove(id, progress);
            cancelled.remove(id);
            if (!keepUpload) {
                deleteUpload(request.source().getParent());
            }
        }
    }

    /**
     * A server that stops (SIGTERM) while an import runs asks it to stop at its next message, and waits for
     * it before the database closes: the job is failed with what it stored. The database used to close under
     * the import, which failed on its connection with errors in the log and stayed "running" until the next
     * start. Queued jobs stop at their first message.
     */
    @PreDestroy
    void stopRunning() {
        running.values().forEach(ImportProgress::requestStop);
        runner.shutdown();
        try {
            if (!runner.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                log.warn("An import did not stop within {} s; it is failed at the next start", STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Marks a job failed, or says it could not (the database gone): its upload is then kept, so that
     * {@link #failUnfinished} fails it at the next start rather than leaving it "running" for ever.
     */
    private boolean failed(String id, String error) {
        return ended(id, "failed", error);
    }

    /** Ends a job as {@code failed} or {@code cancelled}, or says it could not: see {@link #failed}. */
    private boolean ended(String id, String state, String error) {
        try {
            end(id, state, error);
            return true;
        } catch (RuntimeException | Error again) {
            log.error(
                    "Import {} could not be marked {}: {}",
                    id,
                    state,
                    again.getClass().getSimpleName());
            return false;
        }
    }

    /** Ends a job as {@code state} ({@code failed}, {@code cancelled}) unless it has ended already. */
    private void end(String id, String state, String error) {
        jdbc.sql("update import_job set state = ?, error = ?, finished_at = now() "
                        + "where id = ? and state in ('queued', 'running')")
                .params(state, error, id)
                .update();
    }

    /**
     * Jobs this server had queued or running when it stopped would show as such for ever: they are marked
     * failed (uploading the file again is safe, as no message is imported twice) and their uploads removed.
     * Only in the server: the {@code import} command may run beside a server that shares the data folder.
     */
    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext) {
            failUnfinished();
        }
    }

    /** Fails the unfinished jobs whose uploads are in this data folder and are not running here. */
    void failUnfinished() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var uploads = Files.list(folder)) {
            for (Path upload : uploads.filter(Files::isDirectory).toList()) {
                String id = upload.getFileName().toString();
                if (running.containsKey(id)) {
                    continue;
                }
                end(id, "failed", STOPPED);
                deleteUpload(upload);
            }
        } catch (IOException e) {
            log.warn("Could not look for unfinished imports: {}", e.getClass().getSimpleName());
        }
    }

    public Optional<JobStatus> status(String id) {
        return jdbc.sql("select id, state, source, summary, error from import_job where id = ?")
                .param(id)
                .query((rs, n) -> new JobStatus(
                        rs.getString("id"),
                        rs.getString("state"),
                        rs.getString("source"),
                        phase(id),
                        progress(id),
                        readJson(rs.getString("summary")),
                        rs.getString("error")))
                .optional();
    }

    /** The live counters of a job this instance is running or has queued; empty once it has ended. */
    public Optional<ImportProgress> progressOf(String id) {
        return Optional.ofNullable(running.get(id));
    }

    /** The newest jobs first: id, state, file name, when it was started and ended. */
    public List<JobLine> recent(int limit) {
        return jdbc.sql("select id, state, source, created_at, finished_at from import_job "
                        + "order by created_at desc, id limit ?")
                .param(limit)
                .query((rs, n) -> new JobLine(
                        rs.getString("id"),
                        rs.getString("state"),
                        rs.getString("source"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("finished_at") == null
                                ? null
                                : rs.getTimestamp("finished_at").toInstant()))
                .list();
    }

    /** One job in a list of them. */
    public record JobLine(
            String id, String state, String source, java.time.Instant created, java.time.Instant finished) {}

    private String phase(String id) {
        ImportProgress progress = running.get(id);
        return progress == null ? null : progress.phase().name().toLowerCase(Locale.ROOT);
    }

    private Map<String, Object> progress(String id) {
        ImportProgress p = running.get(id);
        return p == null
                ? null
                : Map.of(
                        "linesTotal",
                        p.totalLines(),
                        "linesRead",
                        p.linesRead(),
                        "messagesTotal",
                        p.totalMessages(),
                        "messagesParsed",
                        p.messagesParsed(),
                        "messagesToExtract",
                        p.messagesToExtract(),
                        "messagesExtracted",
                        p.messagesExtracted(),
                        "recordsCreated",
                        p.recordsCreated(),
                        "seconds",
                        Math.round(p.elapsedSeconds()));
    }

    private Object readJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static void deleteUpload(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("Could not remove an import upload: {}", e.getClass().getSimpleName());
        }
    }
}
