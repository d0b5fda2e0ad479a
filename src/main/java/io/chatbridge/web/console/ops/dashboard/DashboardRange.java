package io.chatbridge.web.console.ops.dashboard;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The days a dashboard covers, both ends included, in the business's time zone (a "day" is the
 * business's day, not UTC's).
 */
record DashboardRange(LocalDate from, LocalDate to, ZoneId zone) {

    static final int MAX_DAYS = 366;

    DashboardRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a range is at most " + MAX_DAYS + " days");
        }
    }

    /** The last {@code days} days up to and including {@code today}. */
    static DashboardRange last(int days, LocalDate today, ZoneId zone) {
        return new DashboardRange(today.minusDays(days - 1L), today, zone);
    }

    Timestamp start() {
        return Timestamp.from(from.atStartOfDay(zone).toInstant());
    }

    /** Exclusive: the start of the day after {@code to}. */
    Timestamp end() {
        return Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
