package io.chatbridge.importer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Places the phone-local times of one exported chat on the timeline, message after message in file order. */
final class ExportClock {

    private final ZoneId zone;
    /** The latest instant a message of the file was placed at so far. */
    private Instant latest;

    ExportClock(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * A local time in the hour that comes twice when the clocks go back is read at its earlier offset,
     * unless that puts it before the file's previous message: then it is the second pass of that hour.
     * Exports list messages in the order they were sent, so the messages keep their order.
     */
    Instant instant(LocalDateTime time) {
        ZonedDateTime zoned = time.atZone(zone);
        Instant at = zoned.toInstant();
        if (latest != null && at.isBefore(latest)) {
            Instant later = zoned.withLaterOffsetAtOverlap().toInstant();
            if (!later.isBefore(latest)) {
                at = later;
            }
        }
        if (latest == null || at.isAfter(latest)) {
            latest = at;
        }
        return at;
    }
}
