package io.chatbridge.web.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What every console page's layout needs: the navigation for the signed-in user and the current path. */
@ControllerAdvice(basePackages = "io.chatbridge.web.console")
class ConsoleModel {

    @ModelAttribute("nav")
    List<ConsoleNav.Entry> nav(Authentication user) {
        return ConsoleNav.visibleTo(user);
    }

    /** A bad filter or form value (an unknown role, a malformed date) is the user's to fix: say so. */
    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(IllegalArgumentException e, Model model, Authentication user, HttpServletRequest request) {
        model.addAttribute("nav", ConsoleNav.visibleTo(user));
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("heading", "That did not work");
        model.addAttribute("problem", e.getMessage());
        return "console/problem";
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
