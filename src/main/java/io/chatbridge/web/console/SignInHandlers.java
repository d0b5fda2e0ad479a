package io.chatbridge.web.console;

import java.time.Duration;
import java.util.Map;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * What happens around a console sign-in: a success starts a session that expires after the configured
 * idle time, stamps {@code last_login} and writes the audit log; a failure goes back to the form with a
 * message (a separate one while the username is throttled).
 */
class SignInHandlers {

    private final ConsoleUsers users;
    private final ConsoleAudit audit;
    private final Duration sessionTimeout;

    SignInHandlers(ConsoleUsers users, ConsoleAudit audit, Duration sessionTimeout) {
        this.users = users;
        this.audit = audit;
        this.sessionTimeout = sessionTimeout;
    }

    AuthenticationSuccessHandler success() {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/console");
        return (request, response, authentication) -> {
            request.getSession().setMaxInactiveInterval((int) sessionTimeout.toSeconds());
            users.signedIn(authentication.getName());
            audit.record(authentication.getName(), "sign-in", authentication.getName(), Map.of());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    AuthenticationFailureHandler failure() {
        SimpleUrlAuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        SimpleUrlAuthenticationFailureHandler locked = new SimpleUrlAuthenticationFailureHandler("/login?locked");
        return (request, response, e) ->
                (e instanceof LockedException ? locked : wrong).onAuthenticationFailure(request, response, e);
    }
}
