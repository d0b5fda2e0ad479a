package io.chatbridge.web.console.ops.finance;

import io.chatbridge.reconcile.FinanceQueue;
import io.chatbridge.reconcile.FinanceQueue.DecisionException;
import io.chatbridge.reconcile.FinanceQueue.InvoiceRef;
import io.chatbridge.reconcile.ReconciliationItem;
import io.chatbridge.reconcile.ReconciliationQueries;
import io.chatbridge.reconcile.ReconciliationReport;
import io.chatbridge.web.console.ConsoleAudit;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The finance queue: bank entries the reconciler matched without being sure, each with its score and
 * the reason, to approve or reject (htmx, one row at a time), and entries nobody claimed, to link to
 * invoices by hand. Every decision is made in {@link FinanceQueue} under the signed-in user's name
 * and audited in the same transaction. Admin and finance only (ConsoleAccess).
 */
@Controller
@RequestMapping("/console/finance")
class FinancePageController {

    static final int LIMIT = 200;

    private final ReconciliationQueries queries;
    private final FinanceQueue queue;
    private final ReconciliationReport report;
    private final ConsoleAudit audit;
    private final TransactionTemplate transaction;

    FinancePageController(
            ReconciliationQueries queries,
            FinanceQueue queue,
            ReconciliationReport report,
            ConsoleAudit audit,
            TransactionTemplate transaction) {
        this.queries = queries;
        this.queue = queue;
        this.report = report;
        this.audit = audit;
        this.transaction = transaction;
    }

    @GetMapping
    String page(Model model) {
        List<ReconciliationItem> waiting = new ArrayList<>(queries.byState("review", LIMIT));
        waiting.addAll(queries.byState("amount_differs", LIMIT));
        model.addAttribute("waiting", waiting);
        model.addAttribute("unclaimed", queries.byState(ReconciliationQueries.UNCLAIMED, LIMIT));
        return "console/finance";
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, Authentication user, Model model) {
        return decided(id, "approve", "approved", model, () -> queue.approve(id, user.getName()));
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, Authentication user, Model model) {
        return decided(id, "reject", "rejected", model, () -> queue.reject(id, user.getName()));
    }

    @PostMapping("/link")
    String link(
            @RequestParam long entryId,
            @RequestParam(defaultValue = "xero") String source,
            @RequestParam String invoiceId,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String recordId,
            Authentication user,
            RedirectAttributes flash) {
        String claim = recordId == null || recordId.isBlank() ? null : recordId.strip();
        try {
            // not in one transaction with the audit entry: link() reads the open invoices from the
            // books first, and no transaction should wait on a remote call
            long matchId = queue.link(
                    entryId, List.of(new InvoiceRef(source.strip(), invoiceId.strip(), amount)), claim, user.getName());
            audit.record("payment-link", "bank entry " + entryId, Map.of("match", matchId, "invoice", invoiceId));
            flash.addFlashAttribute(
                    "message", "Bank entry " + entryId + " linked to " + invoiceId + " (match " + matchId + ").");
        } catch (DecisionException e) {
            flash.addFlashAttribute("error", "Not linked: " + e.getMessage() + ".");
        }
        return "redirect:/console/finance";
    }

    @GetMapping("/report")
    ResponseEntity<byte[]> report() throws IOException {
        return report.download();
    }

    /** Makes the decision and its audit entry in one transaction; answers with the row as it now stands. */
    private String decided(long id, String action, String outcome, Model model, Runnable decision) {
        try {
            transaction.executeWithoutResult(status -> {
                decision.run();
                audit.record("payment-" + action, "reconciliation match " + id, Map.of());
            });
            model.addAttribute("outcome", outcome);
        } catch (DecisionException e) {
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("matchId", id);
        return "console/finance-decided :: decided";
    }
}
