package io.chatbridge.web.console;

import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The console's navigation: every panel with the roles that see it. The layout shows a user the
 * entries of their role; {@link ConsoleAccess} enforces the same split on the server.
 */
final class ConsoleNav {

    /** One entry of the navigation bar. */
    record Entry(String path, String label, Set<ConsoleRole> roles) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry("/console", "Home", Set.of(ConsoleRole.values())),
            new Entry("/console/search", "Search", Set.of(ConsoleRole.values())),
            new Entry("/console/dashboard", "Dashboard", Set.of(ConsoleRole.values())),
            new Entry("/console/deliveries", "Deliveries", Set.of(ConsoleRole.ADMIN, ConsoleRole.AGENT)),
            new Entry("/console/mappings", "Mappings", Set.of(ConsoleRole.ADMIN, ConsoleRole.AGENT)),
            new Entry("/console/finance", "Finance", Set.of(ConsoleRole.ADMIN, ConsoleRole.FINANCE)),
            new Entry("/console/imports", "Import", Set.of(ConsoleRole.ADMIN)),
            new Entry("/console/users", "Users", Set.of(ConsoleRole.ADMIN)));

    private ConsoleNav() {}

    static List<Entry> visibleTo(Authentication user) {
        if (user == null) {
            return List.of();
        }
        Set<String> authorities = user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
        return ENTRIES.stream()
                .filter(e -> e.roles().stream().anyMatch(r -> authorities.contains(r.authority())))
                .toList();
    }
}
