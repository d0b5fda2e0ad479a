package io.chatbridge.web.console;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Which role may open which console page: the one place these rules live. A new panel adds its line
 * here and its nav entry in {@link ConsoleNav}; anything not listed needs a signed-in user of any role.
 */
final class ConsoleAccess {

    static final String ADMIN = ConsoleRole.ADMIN.name();
    static final String AGENT = ConsoleRole.AGENT.name();
    static final String FINANCE = ConsoleRole.FINANCE.name();

    private ConsoleAccess() {}

    static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        auth.requestMatchers("/webjars/**", "/console/css/**", "/console/js/**", "/login")
                .permitAll()
                .requestMatchers("/console/users/**", "/console/imports/**", "/console/imports")
                .hasRole(ADMIN)
                .requestMatchers("/console/finance/**")
                .hasAnyRole(ADMIN, FINANCE)
                .requestMatchers(HttpMethod.GET, "/console/mappings/**")
                .hasAnyRole(ADMIN, AGENT)
                .requestMatchers("/console/mappings/**")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/console/deliveries/**")
                .hasAnyRole(ADMIN, AGENT)
                .requestMatchers("/console/deliveries/**")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.POST, "/console/records/**")
                .hasAnyRole(ADMIN, AGENT)
                .anyRequest()
                .authenticated();
    }
}
