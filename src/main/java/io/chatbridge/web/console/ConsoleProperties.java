package io.chatbridge.web.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console sign-in settings.
 *
 * @param sessionTimeout a signed-in session ends after this long without a request
 * @param maxFailedSignIns failed sign-ins for one username within {@code lockout} before it is refused
 * @param lockout how long a username stays refused after too many failures (and the window counted)
 * @param searchPageSize rows per page of search results
 */
@ConfigurationProperties("chatbridge.console")
public record ConsoleProperties(
        @DefaultValue("30m") Duration sessionTimeout,
        @DefaultValue("5") int maxFailedSignIns,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("50") int searchPageSize) {}
