package io.chatbridge.web.console.customer;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /console/customers/{waId}}: a customer's conversations and one timeline of messages and records. */
@Controller
class CustomerController {

    private final CustomerQueries customers;

    CustomerController(CustomerQueries customers) {
        this.customers = customers;
    }

    @GetMapping("/console/customers/{waId}")
    String customer(
            @PathVariable String waId,
            @RequestParam(required = false) Instant before,
            Model model,
            HttpServletResponse response) {
        if (!waId.matches("[0-9A-Za-z._:@-]{1,64}")) {
            throw new IllegalArgumentException("That is not a customer id.");
        }
        List<CustomerQueries.Conversation> conversations = customers.conversations(waId);
        CustomerQueries.Timeline timeline = customers.timeline(waId, before);
        if (conversations.isEmpty() && timeline.items().isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("heading", "No such customer");
            model.addAttribute("problem", "No conversation or record belongs to " + waId + ".");
            return "console/problem";
        }
        model.addAttribute("waId", waId);
        model.addAttribute(
                "name",
                conversations.stream()
                        .map(CustomerQueries.Conversation::profileName)
                        .filter(n -> n != null && !n.isBlank())
                        .findFirst()
                        .orElse(null));
        model.addAttribute("conversations", conversations);
        model.addAttribute("timeline", timeline);
        model.addAttribute("before", before);
        return "console/customer";
    }
}
