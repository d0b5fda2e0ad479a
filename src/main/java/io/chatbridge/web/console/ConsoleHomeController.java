package io.chatbridge.web.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The sign-in form, the console's home and the page a user sees for a panel their role may not open. */
@Controller
class ConsoleHomeController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/console")
    String home() {
        return "console/home";
    }

    @GetMapping("/console/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "console/denied";
    }
}
