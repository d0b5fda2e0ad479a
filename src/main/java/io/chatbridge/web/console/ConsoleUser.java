package io.chatbridge.web.console;

import java.time.Instant;

/** A console user as the users page shows it (never the password hash). */
public record ConsoleUser(String username, ConsoleRole role, boolean enabled, Instant createdAt, Instant lastLogin) {}
