package io.chatbridge.web.console;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins add console users, set their roles and disable them; every change goes to the audit log. */
@Controller
@ConditionalOnWebApplication // ConsoleUsers exists only with a web server (not for `chatbridge import`)
class ConsoleUsersController {

    static final int MIN_PASSWORD_LENGTH = 12;

    private final ConsoleUsers users;
    private final ConsoleAudit audit;

    ConsoleUsersController(ConsoleUsers users, ConsoleAudit audit) {
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/console/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", ConsoleRole.values());
        model.addAttribute("audit", audit.recent(20));
        return "console/users";
    }

    @PostMapping("/console/users")
    String add(
            @RequestParam String username,
            @RequestParam String password,
            @RequestParam String role,
            RedirectAttributes flash) {
        String name = username.trim();
        if (!name.matches("[A-Za-z0-9._@-]{2,64}")) {
            return failed(flash, "A username is 2 to 64 letters, digits or . _ @ -");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return failed(flash, "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        ConsoleRole parsed = ConsoleRole.of(role);
        if (!users.add(name, password, parsed)) {
            return failed(flash, "There is already a user called " + name + ".");
        }
        audit.record("user-add", name, Map.of("role", parsed.key()));
        flash.addFlashAttribute("message", "Added " + name + " (" + parsed.key() + ").");
        return "redirect:/console/users";
    }

    @PostMapping("/console/users/{username}")
    String change(
            @PathVariable String username,
            @RequestParam String role,
            @RequestParam(defaultValue = "false") boolean enabled,
            RedirectAttributes flash) {
        ConsoleRole parsed = ConsoleRole.of(role);
        if (users.find(username).isEmpty()) {
            return failed(flash, "No user called " + username + ".");
        }
        if (!users.update(username, parsed, enabled)) {
            return failed(flash, "That would leave no enabled admin; make someone else admin first.");
        }
        audit.record("user-change", username, Map.of("role", parsed.key(), "enabled", enabled));
        flash.addFlashAttribute("message", "Saved " + username + ".");
        return "redirect:/console/users";
    }

    private static String failed(RedirectAttributes flash, String error) {
        flash.addFlashAttribute("error", error);
        return "redirect:/console/users";
    }
}
