package io.chatbridge.web.console;

import io.chatbridge.record.RecordNotFoundException;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleModel.class);

    @ModelAttribute("nav")
    List<ConsoleNav.Entry> nav(Authentication user) {
        return ConsoleNav.visibleTo(user);
    }

    /** A bad filter or form value (an unknown role, a malformed date) is the user's to fix: say so. */
    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(IllegalArgumentException e, Model model, Authentication user, HttpServletRequest request) {
        return problem(model, user, request, "That did not work", e.getMessage());
    }

    @ExceptionHandler(RecordNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String noRecord(RecordNotFoundException e, Model model, Authentication user, HttpServletRequest request) {
        return problem(model, user, request, "No such record", e.getMessage() + ".");
    }

    /**
     * Anything else: logged with its stack trace, and a page that says so. Without this the error would
     * go to Boot's {@code /error}, which sits behind the API's Basic chain and would ask for a password.
     */
    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String failed(Exception e, Model model, Authentication user, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse
                || e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e; // 4xx of MVC itself (missing parameter, wrong method) and security keep their own handling
        }
        // customer pages carry a WhatsApp id in the path: long digit runs stay out of the log
        log.error("Console request {} failed", request.getRequestURI().replaceAll("[0-9]{5,}", "…"), e);
        return problem(
                model,
                user,
                request,
                "Something went wrong",
                "The error has been logged; try again, or tell an admin.");
    }

    /** Exception handlers get no {@code @ModelAttribute}s, so the layout's are added here. */
    private static String problem(
            Model model, Authentication user, HttpServletRequest request, String heading, String problem) {
        model.addAttribute("nav", ConsoleNav.visibleTo(user));
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("heading", heading);
        model.addAttribute("problem", problem);
        return "console/problem";
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
