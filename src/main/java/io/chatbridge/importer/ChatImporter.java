package io.chatbridge.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.common.Pii;
import io.chatbridge.conversation.ConversationExtraction;
import io.chatbridge.conversation.InboxNormaliser;
import io.chatbridge.ingest.InboxStore;
import io.chatbridge.mapping.MappingRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports WhatsApp "Export chat" files into the pipeline: the messages go into the inbox on channel
 * {@code export}, then take the same normalise → extract → records path as webhook messages.
 *
 * <p>Each file is read twice, streaming both times: a cheap first pass counts lines and authors and
 * infers the date order; the second places every message and writes it in chunks. Memory stays flat
 * whatever the file's size. Used by the {@code import} command and by {@code POST /api/imports}.
 */
@Service
public class ChatImporter {

    private final InboxStore inbox;
    private final ObjectMapper json;
    private final InboxNormaliser normaliser;
    private final ConversationExtraction extraction;
    private final JdbcClient jdbc;
    private final Path dataDir;
    private final MappingRegistry mappings;
    private final TransactionTemplate transaction;

    ChatImporter(
            InboxStore inbox,
            ObjectMapper json,
            InboxNormaliser normaliser,
            ConversationExtraction extraction,
            JdbcClient jdbc,
            @Value("${chatbridge.data-dir}") Path dataDir,
            ObjectProvider<MappingRegistry> mappings,
            TransactionTemplate transaction) {
        this.transaction = transaction;
        this.mappings = mappings == null ? null : mappings.getIfAvailable();
        this.inbox = inbox;
        this.json = json;
        this.normaliser = normaliser;
        this.extraction = extraction;
        this.jdbc = jdbc;
        this.dataDir = dataDir;
    }

    /** Reads and reports without a database: nothing is written, no records are made. */
    public static ImportSummary dryRun(ImportRequest request, ImportProgress progress) throws IOException {
        ImportRequest dry = new ImportRequest(
                request.source(),
                request.businessNumber(),
                request.businessAuthor(),
                request.customerNumber(),
                request.locale(),
                request.zone(),
                request.dateOrder(),
                true);
        return new ChatImporter(null, new ObjectMapper(), null, null, null, Path.of("."), null, null)
                .run(dry, progress);
    }

    /** Imports and, unless a dry run, waits until the pipeline has turned the messages into records. */
    public ImportSummary run(ImportRequest request, ImportProgress progress) throws IOException {
        long started = System.nanoTime();
        Instant since = Instant.now();
        ExportSource.Opened opened = ExportSource.openAll(request.source());
        List<ExportSource> sources = new ArrayList<>(opened.sources());
        List<String> notImported = new ArrayList<>(opened.refused());
        boolean folder = Files.isDirectory(request.source());
        ConversationExtraction.Hold hold = extraction == null ? () -> {} : extraction.holdExports();
        DrainThread drainer = null;
        try {
            BusinessSettings settings = BusinessSettings.resolve(request, mappings);
            List<ExportScan> scans = scan(sources, folder ? notImported : null, progress);
            List<FileOrder> orders = orders(request, settings, scans);
            List<Map<String, Integer>> authors = new ArrayList<>();
            for (int i = 0; i < scans.size(); i++) {
                authors.add(scans.get(i).authors(orders.get(i).order()));
                progress.addTotals(0, scans.get(i).messages(orders.get(i).order()));
            }
            BusinessSide.Decision business =
                    BusinessSide.decide(authors, request.businessAuthor(), request.businessNumber());
            progress.phase(ImportProgress.Phase.IMPORTING);
            Set<String> conversations = ConcurrentHashMap.newKeySet();
            PipelineDrain drain =
                    new PipelineDrain(normaliser, extraction, jdbc, since, conversations, progress::committed);
            drainer = request.dryRun() ? null : DrainThread.start(drain, progress);
            Run run =
                    importFiles(request, settings, sources, scans, orders, authors, business, conversations, progress);
            progress.extracting(request.dryRun() ? 0 : run.newMessages());
            Map<String, Long> records = Map.of();
            if (drainer != null) {
                drainer.finish();
                if (progress.stopRequested()) {
                    throw ImportStopped.whileExtracting(run.newMessages(), progress.messagesExtracted());
                }
                records = drain.recordsByType();
                long failed = drain.failedChunks();
                if (failed > 0) {
                    run.tally.unreadableLines.add(failed + " stored chunk(s) could not be normalised yet; the server "
                            + "retries them (see GET /api/inbox)");
                }
                List<String> parked = progress.parked();
                if (!parked.isEmpty()) {
                    run.tally.unreadableLines.add(parked.size() + " conversation(s) could not be extracted (an error: "
                            + "the console's dashboard shows it, the server log its stack under the same masked id); "
                            + "their messages are stored, and they are read again when a message arrives: "
                            + parked.stream().map(Pii::maskConversation).collect(Collectors.joining(", ")));
                }
            }
            progress.phase(ImportProgress.Phase.DONE);
            return summary(
                    request,
                    sources,
                    notImported,
                    scans,
                    business,
                    run,
                    records,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (ImportStopped e) {
            progress.phase(ImportProgress.Phase.STOPPED);
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            progress.phase(ImportProgress.Phase.FAILED);
            throw e;
        } finally {
            if (drainer != null) {
                drainer.abandon(); // ended already unless the import failed before it finished
            }
            hold.close();
            for (ExportSource source : sources) {
                source.close();
            }
        }
    }

    /**
     * The first pass over every file. A file of a folder that cannot be read to its end (a damaged zip, a
     * chat text that unpacks to far more than its size) is left out, its reason added to {@code
     * notImported}, and the others go on; a single file's error, or one when no file is left, fails the
     * import.
     *
     * @param notImported where a folder's left-out files go, or null for a single file
     */
    private static List<ExportScan> scan(List<ExportSource> sources, List<String> notImported, ImportProgress progress)
            throws IOException {
        List<ExportScan> scans = new ArrayList<>();
        IOException first = null;
        for (java.util.Iterator<ExportSource> each = sources.iterator(); each.hasNext(); ) {
            ExportSource source = each.next();
            try (BufferedReader reader = source.open()) {
                ExportScan scan = ExportScan.of(reader);
                scans.add(scan);
                progress.addTotals(scan.lines(), 0); // its messages once the date order is known
            } catch (IOException e) {
                if (notImported == null) {
                    throw e;
                }
                notImported.add(ExportSource.why(source.name(), e));
                first = first == null ? e : first;
                each.remove();
                source.close();
            }
        }
        if (scans.isEmpty() && first != null) {
            throw first;
        }
        return scans;
    }

    private record Run(
            FileImport.Tally tally,
            List<String> dateOrders,
            List<String> continued,
            long newMessages,
            long receivedBefore) {}

    /** A file's date order and why: given with {@code --date-order}, or inferred from its dates. */
    private record FileOrder(DateOrder order, String reason) {}

    private static List<FileOrder> orders(ImportRequest request, BusinessSettings settings, List<ExportScan> scans) {
        List<FileOrder> orders = new ArrayList<>();
        for (ExportScan scan : scans) {
            if (request.dateOrder() != null) {
                orders.add(new FileOrder(request.dateOrder(), "given with --date-order"));
            } else {
                DateOrderEvidence.Inference inference = scan.dateOrder(settings.locale());
                orders.add(new FileOrder(inference.order(), inference.reason()));
            }
        }
        return orders;
    }

    private Run importFiles(
            ImportRequest request,
            BusinessSettings settings,
            List<ExportSource> sources,
            List<ExportScan> scans,
            List<FileOrder> orders,
            List<Map<String, Integer>> authors,
            BusinessSide.Decision business,
            Set<String> conversations,
            ImportProgress progress)
            throws IOException {
        FileImport.ImportTarget target = new FileImport.ImportTarget(
                settings.phoneNumberId(),
                settings.displayNumber(),
                settings.zone(),
                request.dryRun() ? null : new MediaStore(dataDir),
                request.dryRun() ? conversation -> false : this::importedBeforeV100);
        FileImport.Tally tally = new FileImport.Tally(new ArrayList<>(), conversations);
        List<String> dateOrders = new ArrayList<>();
        List<String> continued = new ArrayList<>();
        long linesBefore = 0;
        long newMessages = 0;
        long receivedBefore = 0;
        Set<String> written = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < sources.size(); i++) {
            ExportSource source = sources.get(i);
            ExportScan scan = scans.get(i);
            DateOrder order = orders.get(i).order();
            dateOrders.add(source.name() + ": " + order + " (" + orders.get(i).reason() + ")");
            ChunkStore store = request.dryRun()
                    ? null
                    : new ChunkStore(inbox, normaliser, jdbc, json, transaction, source.name(), written);
            ChunkWriter writer = new ChunkWriter(store);
            ConversationPlacer placer =
                    new ConversationPlacer(authors.get(i), business.author(), request.customerNumber(), source.name());
            if (!request.dryRun()) {
                ChatContinuation.find(
                        jdbc, source, order, settings.zone(), placer, settings.phoneNumberId(), continued);
            }
            boolean stopped = false;
            try (BufferedReader reader = source.open()) {
                new ExportParser(order)
                        .parse(reader, new FileImport(source, placer, target, writer, progress, linesBefore, tally));
                writer.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (ImportStopped e) {
                stopped = true;
            } finally {
                writer.abandon(); // after a stop: lets the chunks being stored commit, so their messages count
            }
            if (stopped) {
                throw ImportStopped.whileStoring(newMessages + writer.newMessages());
            }
            newMessages += writer.newMessages();
            receivedBefore += store == null ? 0 : store.receivedBefore();
            linesBefore += scan.lines();
            progress.lineRead(0, linesBefore);
        }
        return new Run(tally, dateOrders, continued, newMessages, receivedBefore);
    }

    /** Whether a conversation's imported messages were given ids by author name (V100, {@link MessageIds}). */
    private boolean importedBeforeV100(String conversationId) {
        return jdbc.sql("select export_ids_by_author from conversation where id = ?")
                .param(conversationId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private static ImportSummary summary(
            ImportRequest request,
            List<ExportSource> sources,
            List<String> notImported,
            List<ExportScan> scans,
            BusinessSide.Decision business,
            Run run,
            Map<String, Long> records,
            Duration took) {
        String decision =
                business.author() == null ? business.reason() : "\"" + business.author() + "\": " + business.reason();
        FileImport.Tally tally = run.tally();
        return new ImportSummary(
                request.dryRun(),
                sources.stream().map(ExportSource::name).toList(),
                List.copyOf(notImported),
                run.dateOrders(),
                decision,
                run.continued(),
                tally.conversations.size(),
                scans.stream().mapToLong(ExportScan::lines).sum(),
                tally.messages,
                run.newMessages(),
                run.receivedBefore(),
                tally.system,
                tally.deleted,
                tally.media,
                tally.unreadable,
                List.copyOf(tally.unreadableLines),
                records,
                took);
    }
}
