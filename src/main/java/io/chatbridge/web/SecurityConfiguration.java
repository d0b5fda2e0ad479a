package io.chatbridge.web;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Webhooks are public (their signatures are their authentication), health is
 * public without details, the console signs people in by form ({@code web.console}), and everything
 * else needs HTTP Basic credentials of a console user with the right role.
 *
 * <p>A context without a web server (the {@code import} command) has no API to protect and needs no
 * password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /**
     * The webhook edge: its callers prove themselves by signature, checked in the controller, so this
     * chain carries no session, CSRF, request cache or authentication filters; it is on the hot path.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .anonymous(anonymous -> anonymous.disable())
                .headers(headers -> headers.disable());
        return http.build();
    }

    /**
     * The JSON API and everything else: HTTP Basic against the console's user store, so the environment's
     * admin works as before and other roles can be given API access by rule. Reconciliation and
     * statements are finance's work too; everything else is admin only.
     */
    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager passwords) throws Exception {
        http.authenticationManager(passwords)
                .authorizeHttpRequests(auth -> auth.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers("/api/reconciliation/**", "/api/statements/**")
                        .hasAnyRole("ADMIN", "FINANCE")
                        .anyRequest()
                        .hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
