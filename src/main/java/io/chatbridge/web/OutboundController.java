package io.chatbridge.web;

import io.chatbridge.connector.whatsapp.OutboundMessage;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import java.util.List;
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
 * What chatbridge sent, or tried to send, on WhatsApp (admin only): {@code dead} messages are the
 * ones a retry could not fix (a bad token, a template missing, outside the window with no template),
 * and can be queued again once the cause is fixed.
 */
@RestController
@RequestMapping("/api/outbound")
class OutboundController {

    private final WhatsAppOutbox outbox;

    OutboundController(WhatsAppOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    List<OutboundMessage> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String purpose,
            @RequestParam(defaultValue = "100") int limit) {
        return outbox.list(blank(state), blank(purpose), Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<OutboundMessage> replay(@PathVariable long id) {
        if (outbox.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No outbound message " + id);
        }
        if (!outbox.replay(id)) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "outbound message " + id + " is not dead, failed or unsent; only those can be sent again");
        }
        return ResponseEntity.accepted().body(outbox.find(id).orElseThrow());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
