package io.chatbridge.web.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (form and HTTP Basic) with the {@link SignInThrottle} in front: a username with too
 * many recent failures is refused before its password is even checked. Failures are logged with the
 * username shortened and never the password.
 */
class ThrottledAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthentication.class);

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledAuthentication(AuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        if (throttle.locked(username)) {
            log.warn("Sign-in refused for user {} from {}: too many failures", masked(username), from(authentication));
            throw new LockedException("Too many failed sign-ins; try again in a minute.");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(username);
            log.warn("Sign-in failed for user {} from {}", masked(username), from(authentication));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Staff usernames are often people's names: enough of it to tell attempts apart, not the name. */
    static String masked(String username) {
        if (username == null || username.isEmpty()) {
            return "(empty)";
        }
        return username.charAt(0) + "***(" + username.length() + ")";
    }

    private static String from(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "?";
    }
}
