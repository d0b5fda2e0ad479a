package io.chatbridge.web.console;

import io.chatbridge.common.StartRefused;
import io.chatbridge.web.AdminProperties;
import jakarta.servlet.DispatcherType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Sign-in for people: the console chain ({@code /console/**}, {@code /login}, {@code /logout}) with
 * form login, CSRF, a session that expires, and the role rules of {@link ConsoleAccess}. The user store
 * ({@link ConsoleUsers}) and the throttled password check are shared with the JSON API's Basic chain.
 *
 * <p>Outside the {@code dev} profile chatbridge refuses to start without an admin password, rather
 * than run an open console; the dev profile generates one and prints it once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, AuthenticationManager passwords, SignInHandlers handlers)
            throws Exception {
        http.securityMatcher("/console/**", "/login", "/logout", "/webjars/**")
                .authenticationManager(passwords)
                .authorizeHttpRequests(auth -> {
                    auth.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                            .permitAll();
                    ConsoleAccess.rules(auth);
                })
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(handlers.success())
                        .failureHandler(handlers.failure())
                        .permitAll())
                .requestCache(cache -> cache.requestCache(bookmarkableRequestCache()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.accessDeniedPage("/console/denied"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** After sign-in, back to the page asked for, with its URL as bookmarked (no {@code ?continue}). */
    private static HttpSessionRequestCache bookmarkableRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    @Bean
    SignInHandlers signInHandlers(ConsoleUsers users, ConsoleAudit audit, ConsoleProperties properties) {
        return new SignInHandlers(users, audit, properties.sessionTimeout());
    }

    /**
     * One password check for the console and the API, with the sign-in throttle in front and recent
     * successes remembered ({@link RememberedPasswords}).
     */
    @Bean
    AuthenticationManager passwordAuthentication(
            ConsoleUsers users, PasswordEncoder encoder, ConsoleProperties properties, Clock clock) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(new RememberedPasswords(encoder, clock));
        SignInThrottle throttle = new SignInThrottle(properties.maxFailedSignIns(), properties.lockout(), clock);
        ProviderManager manager = new ProviderManager(new ThrottledAuthentication(passwords, throttle));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /** The user store, with the environment's admin in it before the first request. */
    @Bean
    ConsoleUsers consoleUsers(
            JdbcClient jdbc, PasswordEncoder encoder, AdminProperties admin, Environment environment) {
        ConsoleUsers users = new ConsoleUsers(jdbc, encoder);
        String password = admin.password();
        if (password == null || password.isBlank()) {
            if (!environment.acceptsProfiles(Profiles.of("dev"))) {
                throw new StartRefused(
                        "No admin password is set: the JSON API and the console would have no one to let in.",
                        "Set the environment variable CHATBRIDGE_ADMIN_PASSWORD (or chatbridge.admin.password), or"
                                + " start with --spring.profiles.active=dev to get a generated one.");
            }
            password = generated();
            log.warn("dev profile: generated admin password for user '{}': {}", adminName(admin), password);
        }
        users.ensureAdmin(adminName(admin), password);
        return users;
    }

    private static String adminName(AdminProperties admin) {
        return admin.user() == null || admin.user().isBlank() ? "admin" : admin.user();
    }

    private static String generated() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
