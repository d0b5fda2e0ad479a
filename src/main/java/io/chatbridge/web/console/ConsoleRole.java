package io.chatbridge.web.console;

import java.util.Locale;

/**
 * What a console user does: admins configure and fix everything, agents look up customers and correct
 * records, finance works the payment queue. Stored lower-case in {@code console_user.role}; Spring
 * Security sees {@code ROLE_ADMIN}, {@code ROLE_AGENT}, {@code ROLE_FINANCE}.
 */
public enum ConsoleRole {
    ADMIN,
    AGENT,
    FINANCE;

    /** The name as stored and as shown in forms. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a stored or submitted name stands for; a clear error for anything else. */
    public static ConsoleRole of(String key) {
        for (ConsoleRole role : values()) {
            if (role.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role '" + key + "': use admin, agent or finance.");
    }
}
