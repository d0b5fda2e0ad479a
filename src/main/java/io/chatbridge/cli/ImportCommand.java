package io.chatbridge.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.chatbridge.ChatbridgeApplication;
import io.chatbridge.importer.ChatImporter;
import io.chatbridge.importer.DateOrder;
import io.chatbridge.importer.ImportProgress;
import io.chatbridge.importer.ImportRequest;
import io.chatbridge.importer.ImportStopped;
import io.chatbridge.importer.ImportSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chatbridge import}: reads WhatsApp "Export chat" files into the same database and pipeline the
 * server uses, with a progress bar, and prints what it did. Starts Spring without a web server; the
 * embedded database can have one user only, so a running server is pointed to instead.
 * Exit 0 when everything was read, 1 when some lines (or some files of a folder) were unreadable, 2 when
 * the import could not run.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import WhatsApp chat exports (.txt, .zip with media, or a folder of them).")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<file.txt|file.zip|folder>")
    Path source;

    @Option(names = "--business-number", description = "the business's WhatsApp number, e.g. +441234567890")
    String businessNumber;

    @Option(
            names = "--business-author",
            description = "the business's name as the export shows it (overrides inference)")
    String businessAuthor;

    @Option(names = "--customer-number", description = "the customer's number, for a one-to-one chat that shows a name")
    String customerNumber;

    @Option(names = "--locale", description = "e.g. en-GB; default: the business settings'")
    String locale;

    @Option(
            names = "--zone",
            description = "the phone's time zone, e.g. Europe/London; default: the business settings'")
    ZoneId zone;

    @Option(names = "--date-order", description = "dmy, mdy or ymd; default: inferred per file")
    String dateOrder;

    @Option(names = "--dry-run", description = "read and report; write nothing")
    boolean dryRun;

    @Option(
            names = "--mappings",
            description = "the mappings folder (record types and business settings); default: "
                    + "CHATBRIDGE_MAPPINGS_DIR, else ./mappings")
    Path mappings;

    @Option(
            names = "--data-dir",
            defaultValue = "${sys:chatbridge.data-dir:-./data}",
            description = "where the embedded database and media live (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (!Files.exists(source)) {
            err.println("No such file or folder: " + source);
            return 2;
        }
        ImportRequest request;
        try {
            request = new ImportRequest(
                    source,
                    businessNumber,
                    businessAuthor,
                    customerNumber,
                    locale == null ? null : Locale.forLanguageTag(locale),
                    zone,
                    dateOrder == null ? null : DateOrder.parse(dateOrder),
                    dryRun);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (mappings != null && !Files.isDirectory(mappings)) {
            err.println("Import failed: the mappings folder "
                    + mappings.toAbsolutePath().normalize()
                    + (Files.exists(mappings) ? " is not a folder" : " does not exist")
                    + "; point --mappings (or CHATBRIDGE_MAPPINGS_DIR) to the folder holding the mappings");
            return 2;
        }
        if (!dryRun && EmbeddedDatabaseLock.inUse(dataDir)) {
            err.println(EmbeddedDatabaseLock.advice(dataDir));
            return 2;
        }
        if (dryRun) {
            return report(() -> runDry(request), err);
        }
        ImportProgress progress = new ImportProgress();
        try (ImportInterrupt interrupt = ImportInterrupt.install(progress)) {
            return report(() -> runWithPipeline(request, progress, interrupt), err);
        }
    }

    interface Run {
        ImportSummary run() throws IOException, NotStarted;
    }

    /** Runs the import and prints its summary, or why it failed or stopped; returns the exit code. */
    static int report(Run run, PrintStream err) {
        try {
            ImportSummary summary = run.run();
            SummaryPrinter.print(summary, System.out);
            return summary.unreadableLines() > 0 || !summary.notImported().isEmpty() ? 1 : 0;
        } catch (ImportStopped e) {
            err.println(stopped(e));
            return STOPPED;
        } catch (NotStarted e) {
            err.println("Import failed: chatbridge could not start: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("Import failed: " + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(maxHeap()));
            return 2;
        }
    }

    /**
     * The heap size the JVM was given ({@code -Xmx512m} says 512 MB); {@link Runtime#maxMemory()} leaves out
     * a survivor space and would say 455 MB.
     */
    static long maxHeap() {
        try {
            return Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapSize")
                    .getValue());
        } catch (RuntimeException notHotSpot) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    /**
     * The command bounds the heap of the JVM it starts ({@link ImportFork}); an export that needs more
     * (none measured does) is told how to give it more, instead of a stack trace.
     */
    static String outOfMemory(long maxHeapBytes) {
        return String.format(
                Locale.ROOT,
                "Import failed: it needed more memory than its %,d MB heap. What was stored is kept: run the same"
                        + " command with a larger heap, e.g. java -Xmx2g -jar chatbridge.jar import …, and nothing"
                        + " stored is added twice.",
                maxHeapBytes / (1024 * 1024));
    }

    /** The exit code of an import stopped by Ctrl-C, as a shell gives a command that SIGINT ended. */
    static final int STOPPED = 130;

    static String stopped(ImportStopped e) {
        if (e.extracting()) {
            return String.format(
                    Locale.ROOT,
                    "Import stopped while extracting: the %,d new messages are stored, and records were made from"
                            + " %,d of them. Import the same file again to finish, or start the server, which reads"
                            + " the rest: nothing stored is added twice.",
                    e.stored(),
                    e.extracted());
        }
        return String.format(
                Locale.ROOT,
                "Import stopped: %,d new messages were stored. Import the same file again to go on: nothing"
                        + " stored is added twice.",
                e.stored());
    }

    /**
     * Spring could not start (mappings that cannot be used, a database that does not start). Spring has
     * logged its analysis; the command says why in its own words, without a stack trace.
     */
    static final class NotStarted extends Exception {

        NotStarted(Throwable cause) {
            super(reason(cause), cause, false, false);
        }

        /** The innermost message: Spring wraps the reason in a bean-creation exception per dependency. */
        private static String reason(Throwable failure) {
            Throwable innermost = failure;
            while (innermost.getCause() != null && innermost.getCause() != innermost) {
                innermost = innermost.getCause();
            }
            String message = innermost.getMessage();
            return message == null || message.isBlank() ? innermost.getClass().getSimpleName() : message;
        }
    }

    private static ImportSummary runDry(ImportRequest request) throws IOException {
        ImportProgress progress = new ImportProgress();
        try (ProgressBar bar = new ProgressBar(progress, System.err, System.console() != null)) {
            return ChatImporter.dryRun(request, progress);
        }
    }

    /**
     * The routes stay off: the import drives normalising and extraction itself, in one thread, so no
     * second worker contends for the same conversations' locks; deliveries to the sinks are left to the
     * server (they wait in the outbox). Small batches keep each transaction short.
     *
     * <p>Commits are asynchronous in this process: no one is answered on the strength of a commit (unlike
     * a webhook ack), and a crash that lost the last fraction of a second is repaired by importing the
     * file again, which adds only what is missing. A commit then costs no wait for the disk.
     */
    private ImportSummary runWithPipeline(ImportRequest request, ImportProgress progress, ImportInterrupt interrupt)
            throws IOException, NotStarted {
        Path noRoutes = Files.createDirectories(dataDir.resolve("import-no-routes"));
        List<String> settings = new ArrayList<>(List.of(
                "--chatbridge.data-dir=" + dataDir,
                "--chatbridge.routes-dir=" + noRoutes,
                "--chatbridge.pipeline.batch-size=20",
                "--spring.datasource.hikari.connection-init-sql=SET synchronous_commit = off",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.camel=WARN",
                // the server's concerns: no webhook reaches an import, and its Camel context is meant to be brief
                "--logging.level.io.chatbridge.ingest.WhatsAppWebhookController=ERROR",
                "--camel.main.warn-on-early-shutdown=false",
                // a failed start is told by Spring's analysis and the command's own line, not by a bean chain
                "--logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR"));
        if (mappings != null) {
            settings.add("--chatbridge.mappings-dir=" + mappings);
        }
        ConfigurableApplicationContext started;
        try {
            started = new SpringApplicationBuilder(ChatbridgeApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .registerShutdownHook(false) // ImportInterrupt stops the import first
                    .run(settings.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new NotStarted(e);
        }
        interrupt.started(started);
        try (ConfigurableApplicationContext context = started) {
            try (ProgressBar bar = new ProgressBar(progress, System.err, System.console() != null)) {
                return context.getBean(ChatImporter.class).run(request, progress);
            }
        }
    }
}
