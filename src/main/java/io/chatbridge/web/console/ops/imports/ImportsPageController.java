package io.chatbridge.web.console.ops.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.cli.ProgressBar;
import io.chatbridge.cli.SummaryPrinter;
import io.chatbridge.importer.DateOrder;
import io.chatbridge.importer.ImportJobs;
import io.chatbridge.importer.ImportRequest;
import io.chatbridge.importer.ImportSummary;
import io.chatbridge.importer.SummaryWords;
import io.chatbridge.web.console.ConsoleAudit;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import panel (admins): upload a chat export from the browser, as {@code POST /api/imports} does, and
 * watch it run (htmx polls the job's part of the page each second until it ends), then read the same
 * summary the {@code import} command prints. Recent imports are listed with their state.
 */
@Controller
@RequestMapping("/console/imports")
class ImportsPageController {

    static final int RECENT = 20;
    private static final String BACK = "redirect:/console/imports";
    private static final Set<String> ONGOING = Set.of("queued", "running");

    private final ImportJobs jobs;
    private final ConsoleAudit audit;
    private final ObjectMapper json;
    private final long maxUploadBytes;

    ImportsPageController(
            ImportJobs jobs, ConsoleAudit audit, ObjectMapper json, ObjectProvider<MultipartProperties> multipart) {
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes(multipart.getIfAvailable());
    }

    /**
     * The largest file the server reads, told to the page so the browser refuses a larger one before it is
     * sent: past it the server cannot read the rest of the form, its CSRF field included, and answers
     * "denied". 0 when there is no limit.
     */
    static long maxUploadBytes(MultipartProperties multipart) {
        if (multipart == null) {
            return 0;
        }
        long file = bytes(multipart.getMaxFileSize());
        long request = bytes(multipart.getMaxRequestSize());
        return file <= 0 ? Math.max(0, request) : request <= 0 ? file : Math.min(file, request);
    }

    private static long bytes(org.springframework.util.unit.DataSize size) {
        return size == null ? -1 : size.toBytes();
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("jobs", jobs.recent(RECENT));
        model.addAttribute("maxUploadBytes", maxUploadBytes);
        return "console/imports";
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String start(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String businessNumber,
            @RequestParam(required = false) String businessAuthor,
            @RequestParam(required = false) String customerNumber,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String dateOrder,
            @RequestParam(defaultValue = "false") boolean dryRun,
            RedirectAttributes flash)
            throws IOException {
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("error", "Choose a chat export first: the .txt or .zip that \"Export chat\" made.");
            return BACK;
        }
        ImportRequest options;
        try {
            options = new ImportRequest(
                    null,
                    given(businessNumber),
                    given(businessAuthor),
                    given(customerNumber),
                    null,
                    given(zone) == null ? null : ZoneId.of(zone.strip()),
                    given(dateOrder) == null ? null : DateOrder.parse(dateOrder.strip()),
                    dryRun);
        } catch (IllegalArgumentException | DateTimeException e) {
            flash.addFlashAttribute("error", "Nothing was imported: " + e.getMessage());
            return BACK;
        }
        String id;
        try (InputStream in = file.getInputStream()) {
            id = jobs.submit(file.getOriginalFilename(), in, options);
        }
        // the job, not the file's name: an export is named after its customer ("WhatsApp Chat with Ana")
        audit.record(dryRun ? "import-dry-run" : "import", "import " + id, Map.of("bytes", file.getSize()));
        return "redirect:/console/imports/" + id;
    }

    /** The job's page; an htmx poll gets only its state part, which stops asking once the job has ended. */
    @GetMapping("/{id}")
    String job(
            @PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        ImportJobs.JobStatus status =
                jobs.status(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "import " + id));
        model.addAttribute("job", view(status));
        return htmx != null ? "console/import :: state" : "console/import";
    }

    /** Cancels a queued or running job (its page's button); what was stored stays. */
    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes flash) {
        switch (jobs.cancel(id)) {
            case STOPPING -> {
                audit.record("import-cancel", "import " + id, Map.of());
                flash.addFlashAttribute(
                        "message",
                        "The import stops at its next message. What it stored stays and becomes records; upload the"
                                + " same file again to import the rest.");
            }
            case CANCELLED -> {
                audit.record("import-cancel", "import " + id, Map.of());
                flash.addFlashAttribute("message", "The import was cancelled before it started.");
            }
            case ENDED -> flash.addFlashAttribute("error", "This import has ended already.");
            case ELSEWHERE ->
                flash.addFlashAttribute("error", "This import runs in another chatbridge instance: cancel it there.");
            case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "import " + id);
        }
        return "redirect:/console/imports/" + id;
    }

    /** What the page shows of a job. */
    record JobView(
            String id,
            String state,
            String source,
            boolean ongoing,
            Integer percent,
            String progress,
            String summary,
            String error) {}

    private JobView view(ImportJobs.JobStatus status) {
        boolean ongoing = ONGOING.contains(status.state());
        var live = ongoing
                ? jobs.progressOf(status.id())
                : java.util.Optional.<io.chatbridge.importer.ImportProgress>empty();
        return new JobView(
                status.id(),
                status.state(),
                status.source(),
                ongoing,
                live.map(ProgressBar::percent).orElse(null),
                live.map(ProgressBar::counts).orElse(null),
                summary(status.summary()),
                status.error());
    }

    private String summary(Object stored) {
        if (!(stored instanceof JsonNode node) || node.isNull()) {
            return null;
        }
        try {
            return inFormWords(SummaryPrinter.text(json.treeToValue(node, ImportSummary.class)));
        } catch (IOException | IllegalArgumentException e) {
            return node.toPrettyString(); // a summary of another version: shown as stored
        }
    }

    /** The summary names the command's options ("re-run with --business-author"); here they are the form's fields. */
    static String inFormWords(String summary) {
        return FORM_WORDS.of(summary);
    }

    private static final SummaryWords FORM_WORDS = new SummaryWords(
            "import again with the business's name in the form",
            "the business's name in the form",
            "the business's number in the form",
            "the customer's number in the form",
            "the date order in the form");

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
