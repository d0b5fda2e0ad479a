package io.chatbridge.automation;

import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.BusinessProfile.OpeningHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Opening hours and holidays of a business number, read in its own time zone. */
final class BusinessHours {

    private static final int LOOK_AHEAD_DAYS = 31;

    private BusinessHours() {}

    static boolean openAt(BusinessProfile business, Instant instant) {
        ZonedDateTime local = instant.atZone(business.zone());
        return spans(business, local.toLocalDate()).stream()
                .anyMatch(span -> !local.toLocalTime().isBefore(span.from())
                        && local.toLocalTime().isBefore(span.to()));
    }

    /**
     * When the business next opens after {@code instant}; it names the closed period the instant falls
     * in, so two messages in one night share it. Empty when it never opens in the next month.
     */
    static Optional<ZonedDateTime> nextOpening(BusinessProfile business, Instant instant) {
        ZonedDateTime local = instant.atZone(business.zone());
        for (int d = 0; d <= LOOK_AHEAD_DAYS; d++) {
            LocalDate day = local.toLocalDate().plusDays(d);
            for (OpeningHours span : spans(business, day).stream()
                    .sorted(java.util.Comparator.comparing(OpeningHours::from))
                    .toList()) {
                ZonedDateTime opens = day.atTime(span.from()).atZone(business.zone());
                if (opens.toInstant().isAfter(instant)) {
                    return Optional.of(opens);
                }
            }
        }
        return Optional.empty();
    }

    private static List<OpeningHours> spans(BusinessProfile business, LocalDate day) {
        if (business.holidays().contains(day)) {
            return List.of();
        }
        return business.workingHours().getOrDefault(day.getDayOfWeek(), List.of());
    }
}
