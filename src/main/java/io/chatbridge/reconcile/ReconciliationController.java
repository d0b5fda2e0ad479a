package io.chatbridge.reconcile;

import io.chatbridge.reconcile.FinanceQueue.DecisionException;
import io.chatbridge.reconcile.FinanceQueue.InvoiceRef;
import io.chatbridge.reconcile.statement.StatementFormatException;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The finance API (admin only, HTTP Basic under {@code /api/**}): statement uploads, results by
 * state, the decisions of the finance queue, and the report workbook.
 */
@RestController
class ReconciliationController {

    private final StatementImporter importer;
    private final Reconciler reconciler;
    private final ReconciliationQueries queries;
    private final FinanceQueue queue;
    private final ReconciliationReport report;

    ReconciliationController(
            StatementImporter importer,
            Reconciler reconciler,
            ReconciliationQueries queries,
            FinanceQueue queue,
            ReconciliationReport report) {
        this.importer = importer;
        this.reconciler = reconciler;
        this.queries = queries;
        this.queue = queue;
        this.report = report;
    }

    /** 201 with what was imported; 200 when the same file was imported before (nothing changed). */
    @PostMapping(path = "/api/statements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StatementImport> upload(
            @RequestPart("file") MultipartFile file, @RequestParam(required = false) String profile)
            throws IOException {
        StatementImport result = importer.importFile(file.getOriginalFilename(), file.getBytes(), profile, "upload");
        return ResponseEntity.status(result.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(result);
    }

    /** Without {@code state}: the finance queue (waiting for a person). */
    @GetMapping("/api/reconciliation")
    List<ReconciliationItem> results(
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "500") int limit) {
        int capped = Math.max(1, Math.min(limit, 5000));
        if (state == null) {
            List<ReconciliationItem> waiting = new java.util.ArrayList<>(queries.byState(MatchStore.REVIEW, capped));
            waiting.addAll(queries.byState(MatchStore.AMOUNT_DIFFERS, capped));
            return waiting;
        }
        return queries.byState(state, capped);
    }

    @PostMapping("/api/reconciliation/run")
    Reconciler.ReconcileRun run() {
        return reconciler.reconcile();
    }

    @PostMapping("/api/reconciliation/{id}/approve")
    Map<String, Object> approve(@PathVariable long id, Principal who) {
        queue.approve(id, who.getName());
        return Map.of("id", id, "state", MatchStore.MATCHED);
    }

    @PostMapping("/api/reconciliation/{id}/reject")
    Map<String, Object> reject(@PathVariable long id, Principal who) {
        queue.reject(id, who.getName());
        return Map.of("id", id, "state", MatchStore.REJECTED);
    }

    @PostMapping("/api/reconciliation/link")
    ResponseEntity<Map<String, Object>> link(@RequestBody LinkRequest request, Principal who) {
        long id = queue.link(request.entryId(), request.invoices(), request.recordId(), who.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "state", MatchStore.MATCHED));
    }

    @GetMapping("/api/reconciliation/report")
    ResponseEntity<byte[]> report() throws IOException {
        return report.download();
    }

    @ExceptionHandler(StatementFormatException.class)
    ResponseEntity<Map<String, String>> unreadable(StatementFormatException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badArgument(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(DecisionException.class)
    ResponseEntity<Map<String, String>> refused(DecisionException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }

    /** Link a bank entry to invoices by hand; {@code recordId} is the customer's claim, if any. */
    record LinkRequest(long entryId, List<InvoiceRef> invoices, String recordId) {}
}
