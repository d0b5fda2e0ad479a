package io.chatbridge.web.console.record;

import io.chatbridge.record.ChangeOutcome;
import io.chatbridge.record.RecordNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /console/records/{id}}: a record with provenance, history, conflicts and deliveries; field edits. */
@Controller
class RecordPageController {

    private final RecordPages pages;

    RecordPageController(RecordPages pages) {
        this.pages = pages;
    }

    @GetMapping("/console/records/{humanId}")
    String record(@PathVariable String humanId, Model model) {
        model.addAttribute("page", pages.page(humanId).orElseThrow(() -> new RecordNotFoundException(humanId)));
        return "console/record";
    }

    @PostMapping("/console/records/{humanId}/fields")
    String edit(
            @PathVariable String humanId,
            @RequestParam String field,
            @RequestParam(defaultValue = "") String value,
            Authentication user,
            RedirectAttributes flash) {
        try {
            ChangeOutcome outcome = pages.edit(humanId, field, value, user.getName());
            flash.addFlashAttribute(
                    "message",
                    outcome.applied().isEmpty()
                            ? field + " already had that value; nothing changed."
                            : "Saved " + field + ": version " + outcome.version() + " goes to every connector.");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/records/{humanId}";
    }
}
