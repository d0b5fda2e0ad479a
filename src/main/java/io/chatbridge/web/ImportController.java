package io.chatbridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.chatbridge.importer.DateOrder;
import io.chatbridge.importer.ImportJobs;
import io.chatbridge.importer.ImportRequest;
import io.chatbridge.importer.SummaryWords;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Chat-export imports over HTTP (admin only): upload, then poll the job. Same options as the CLI. */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final ImportJobs jobs;

    ImportController(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, String>> start(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String businessNumber,
            @RequestParam(required = false) String businessAuthor,
            @RequestParam(required = false) String customerNumber,
            @RequestParam(required = false) String locale,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String dateOrder,
            @RequestParam(defaultValue = "false") boolean dryRun)
            throws IOException {
        ImportRequest options;
        try {
            options = new ImportRequest(
                    null,
                    businessNumber,
                    businessAuthor,
                    customerNumber,
                    locale == null ? null : Locale.forLanguageTag(locale),
                    zone == null ? null : ZoneId.of(zone),
                    dateOrder == null ? null : DateOrder.parse(dateOrder),
                    dryRun);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        String id;
        try (InputStream in = file.getInputStream()) {
            id = jobs.submit(file.getOriginalFilename(), in, options);
        }
        return ResponseEntity.accepted()
                .location(URI.create("/api/imports/" + id))
                .body(Map.of("id", id, "status", "/api/imports/" + id));
    }

    @GetMapping("/{id}")
    ImportJobs.JobStatus status(@PathVariable String id) {
        ImportJobs.JobStatus status =
                jobs.status(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "import " + id));
        return status.summary() instanceof JsonNode summary
                ? new ImportJobs.JobStatus(
                        status.id(),
                        status.state(),
                        status.source(),
                        status.phase(),
                        status.progress(),
                        inApiWords(summary),
                        status.error())
                : status;
    }

    /**
     * The summary's texts name the command's options ("given with --business-author", "re-run with
     * --business-author"); here they name this endpoint's parameters, as the console names its form's fields.
     * Only the importer's own texts are reworded, not the file names and lines that come from the upload.
     */
    static JsonNode inApiWords(JsonNode summary) {
        if (!(summary instanceof ObjectNode stored)) {
            return summary;
        }
        ObjectNode copy = stored.deepCopy();
        for (String field : WORDED) {
            JsonNode value = copy.get(field);
            if (value != null && value.isTextual()) {
                copy.put(field, API_WORDS.of(value.asText()));
            } else if (value instanceof ArrayNode lines) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isTextual()) {
                        lines.set(i, TextNode.valueOf(API_WORDS.of(lines.get(i).asText())));
                    }
                }
            }
        }
        return copy;
    }

    /** The summary's fields whose texts the importer writes with the command's options in them. */
    private static final List<String> WORDED = List.of("businessDecision", "dateOrders", "continued");

    private static final SummaryWords API_WORDS = new SummaryWords(
            "upload again with businessAuthor=<name>",
            "businessAuthor",
            "businessNumber",
            "customerNumber",
            "dateOrder");

    /**
     * Cancels a queued or running import: 202 with its status (poll it until it reads {@code cancelled});
     * what was stored stays. 409 when it has ended, or runs in another instance; 404 when there is none.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<ImportJobs.JobStatus> cancel(@PathVariable String id) {
        return switch (jobs.cancel(id)) {
            case STOPPING, CANCELLED -> ResponseEntity.accepted().body(status(id));
            case ENDED ->
                throw new ResponseStatusException(
                        HttpStatus.CONFLICT,
                        "import " + id + " has ended: " + status(id).state());
            case ELSEWHERE ->
                throw new ResponseStatusException(
                        HttpStatus.CONFLICT,
                        "import " + id
                                + " runs in another chatbridge instance that shares the database: cancel it there");
            case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "import " + id);
        };
    }
}
