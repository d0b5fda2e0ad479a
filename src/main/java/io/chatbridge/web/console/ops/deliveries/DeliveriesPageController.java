package io.chatbridge.web.console.ops.deliveries;

import io.chatbridge.connector.xero.XeroPayments;
import io.chatbridge.outbox.Delivery;
import io.chatbridge.outbox.Outbox;
import io.chatbridge.web.console.ConsoleAudit;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The deliveries panel: every sink's queue with its dead letters, Xero's payment queue, connector
 * problems and request budgets; admins replay one delivery or all dead ones of a sink. Each replay
 * and its audit entry commit together. Agents may look (GET), only admins replay (ConsoleAccess).
 */
@Controller
@RequestMapping("/console/deliveries")
class DeliveriesPageController {

    private static final String BACK = "redirect:/console/deliveries";

    private final DeliveryBoard board;
    private final Outbox outbox;
    private final XeroPayments xero;
    private final ConsoleAudit audit;
    private final TransactionTemplate transaction;

    DeliveriesPageController(
            DeliveryBoard board,
            Outbox outbox,
            XeroPayments xero,
            ConsoleAudit audit,
            TransactionTemplate transaction) {
        this.board = board;
        this.outbox = outbox;
        this.xero = xero;
        this.audit = audit;
        this.transaction = transaction;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("board", board.read());
        return "console/deliveries";
    }

    @PostMapping("/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes flash) {
        Delivery delivery = outbox.find(id).orElseThrow(() -> notFound("delivery " + id));
        boolean queued = Boolean.TRUE.equals(transaction.execute(status -> {
            boolean replayed = outbox.replay(id);
            if (replayed) {
                audit.record(
                        "replay",
                        "delivery " + id,
                        Map.of("sink", delivery.sink(), "record", delivery.recordHumanId()));
            }
            return replayed;
        }));
        flash(
                flash,
                queued,
                "Delivery " + id + " of " + delivery.recordHumanId() + " to " + delivery.sink()
                        + (queued ? " is queued again." : " is being delivered right now; try again in a moment."));
        return BACK;
    }

    @PostMapping("/{sink}/replay-dead")
    String replayDead(@PathVariable String sink, RedirectAttributes flash) {
        Integer count = transaction.execute(status -> {
            int replayed = outbox.replayDead(sink);
            audit.record("replay-dead", "sink " + sink, Map.of("deliveries", replayed));
            return replayed;
        });
        flash.addFlashAttribute("message", count + " dead deliveries to " + sink + " are queued again.");
        return BACK;
    }

    @PostMapping("/xero/{id}/replay")
    String replayPayment(@PathVariable long id, RedirectAttributes flash) {
        xero.find(id).orElseThrow(() -> notFound("Xero payment " + id));
        boolean queued = Boolean.TRUE.equals(transaction.execute(status -> {
            boolean replayed = xero.replay(id);
            if (replayed) {
                audit.record("replay", "xero payment " + id, Map.of());
            }
            return replayed;
        }));
        flash(
                flash,
                queued,
                "Xero payment " + id
                        + (queued ? " will be sent again." : " is not dead; only dead payments are sent again."));
        return BACK;
    }

    private static void flash(RedirectAttributes flash, boolean ok, String text) {
        flash.addFlashAttribute(ok ? "message" : "error", text);
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what);
    }
}
