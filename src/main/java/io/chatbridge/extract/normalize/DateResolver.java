package io.chatbridge.extract.normalize;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Calendar rules for dates written without a year, month or week.
 *
 * <p>A yearless date is the first occurrence in {@code [reference - 2 days, reference + 1 year)}: the
 * grace lets "I paid on the 24th" said on the 26th stay in the past, and the one-year bound means a
 * yearless 29/02 resolves to the next leap year only when that is less than a year away, otherwise it
 * is rejected (a booking two years ahead is almost surely a typo).
 */
final class DateResolver {

    static final int GRACE_DAYS = 2;

    enum WeekdayRule {
        /** "Friday", "this Friday", "el viernes": the soonest one, today included. */
        ON_OR_AFTER,
        /** "próximo viernes", "sexta que vem", "coming Friday": the soonest one after today. */
        AFTER,
        /** English "next Friday": the Friday of next (Monday-based) week; on a Friday that is +7. */
        NEXT_WEEK,
        /** "last Friday", "el viernes pasado": the latest one before today. */
        BEFORE
    }

    private DateResolver() {}

    static LocalDate explicit(int year, int month, int day) {
        if (month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    static LocalDate yearless(LocalDate reference, int month, int day) {
        for (int year = reference.getYear() - 1; year <= reference.getYear() + 1; year++) {
            LocalDate date = explicit(year, month, day);
            if (date != null && inWindow(reference, date)) {
                return date;
            }
        }
        return null;
    }

    static LocalDate dayOfMonth(LocalDate reference, int day) {
        YearMonth month = YearMonth.from(reference).minusMonths(1);
        for (int i = 0; i < 14; i++, month = month.plusMonths(1)) {
            LocalDate date = explicit(month.getYear(), month.getMonthValue(), day);
            if (date != null && inWindow(reference, date)) {
                return date;
            }
        }
        return null;
    }

    /** The next {@code count} dates on or after the reference that have this day of the month. */
    static java.util.List<LocalDate> nextWithDayOfMonth(LocalDate reference, int day, int count) {
        java.util.List<LocalDate> dates = new java.util.ArrayList<>(count);
        YearMonth month = YearMonth.from(reference);
        for (int i = 0; i < 12 && dates.size() < count; i++, month = month.plusMonths(1)) {
            LocalDate date = explicit(month.getYear(), month.getMonthValue(), day);
            if (date != null && !date.isBefore(reference)) {
                dates.add(date);
            }
        }
        return dates;
    }

    static LocalDate weekday(LocalDate reference, DayOfWeek day, WeekdayRule rule) {
        return switch (rule) {
            case ON_OR_AFTER -> reference.with(TemporalAdjusters.nextOrSame(day));
            case AFTER -> reference.with(TemporalAdjusters.next(day));
            case BEFORE -> reference.with(TemporalAdjusters.previous(day));
            case NEXT_WEEK -> nextWeek(reference, day);
        };
    }

    private static LocalDate nextWeek(LocalDate reference, DayOfWeek day) {
        LocalDate coming = reference.with(TemporalAdjusters.next(day));
        LocalDate nextMonday = reference.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        return coming.isBefore(nextMonday) ? coming.plusWeeks(1) : coming;
    }

    private static boolean inWindow(LocalDate reference, LocalDate date) {
        long days = ChronoUnit.DAYS.between(reference, date);
        return days >= -GRACE_DAYS && date.isBefore(reference.plusYears(1));
    }
}
