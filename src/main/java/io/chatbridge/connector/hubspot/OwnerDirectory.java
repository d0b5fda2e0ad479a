package io.chatbridge.connector.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the owners a mapping names into HubSpot owner ids: a number is an id already; an e-mail is
 * looked up in {@code GET /crm/v3/owners} (read once, then again after ten minutes), so admins can
 * write the e-mails they know.
 */
class OwnerDirectory {

    private static final Duration FRESH_FOR = Duration.ofMinutes(10);

    private final Clock clock;
    private Map<String, String> byEmail = Map.of();
    private Instant readAt = Instant.MIN;

    OwnerDirectory(Clock clock) {
        this.clock = clock;
    }

    synchronized Optional<String> idOf(String owner, HubSpotClient client) throws HubSpotApiException {
        if (!owner.contains("@")) {
            return Optional.of(owner);
        }
        if (readAt.plus(FRESH_FOR).isBefore(clock.instant())) {
            Map<String, String> fresh = new HashMap<>();
            for (HubSpotClient.Owner o : client.owners()) {
                if (o.email() != null && !o.archived()) {
                    fresh.put(o.email().toLowerCase(Locale.ROOT), o.id());
                }
            }
            byEmail = fresh;
            readAt = clock.instant();
        }
        return Optional.ofNullable(byEmail.get(owner.toLowerCase(Locale.ROOT)));
    }
}
