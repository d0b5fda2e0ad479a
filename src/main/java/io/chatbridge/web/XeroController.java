package io.chatbridge.web;

import io.chatbridge.connector.xero.XeroPayment;
import io.chatbridge.connector.xero.XeroPayments;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Payments posted to Xero (admin only): {@code dead} ones carry Xero's reason (invoice already paid,
 * amount over what is due, a validation error) and can be sent again once it is fixed.
 */
@RestController
@RequestMapping("/api/xero")
class XeroController {

    private static final Set<String> STATES = Set.of("pending", "in_flight", "sent", "dead");

    private final XeroPayments payments;

    XeroController(XeroPayments payments) {
        this.payments = payments;
    }

    @GetMapping("/payments")
    List<XeroPayment> list(
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit) {
        String wanted = state == null || state.isBlank() ? null : state;
        if (wanted != null && !STATES.contains(wanted)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "state must be one of pending, in_flight, sent, dead");
        }
        return payments.list(wanted, Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/payments/{id}/replay")
    ResponseEntity<XeroPayment> replay(@PathVariable long id) {
        if (payments.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No Xero payment " + id);
        }
        if (!payments.replay(id)) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "Xero payment " + id + " is not dead; only dead payments are sent again");
        }
        return ResponseEntity.accepted().body(payments.find(id).orElseThrow());
    }

    @GetMapping("/status")
    XeroPayments.Status status() {
        return payments.status();
    }
}
