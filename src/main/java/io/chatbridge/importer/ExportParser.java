package io.chatbridge.importer;

import io.chatbridge.common.Storable;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Streams an export line by line: a line that starts with a timestamp opens a message, any other line
 * continues the one before (blank lines and date-like lines included). Only the message being read is
 * held in memory, so a file of any size parses in constant memory.
 *
 * <p>A line that starts with a timestamp but goes on with a digit and no author ({@code 13/03/2024, 09:00 -
 * 17:00}) is text typed in the message before, not a system line.
 *
 * <p>The first timestamp fixes the file's style (iOS {@code [..]} or Android {@code .. - }); a line in
 * the other style is text, not a new message. A timestamp with an impossible date under the file's
 * date order makes its message unreadable: reported with its line number, skipped with its further
 * lines, and the rest of the file is read as usual.
 */
final class ExportParser {

    private final DateOrder order;
    private final TimestampPrefix prefix = new TimestampPrefix();
    private int lastDateKey = -1;
    private LocalDate lastDate;

    ExportParser(DateOrder order) {
        this.order = order;
    }

    void parse(BufferedReader reader, ExportListener listener) throws IOException {
        Pending pending = null;
        Boolean bracketed = null;
        boolean skippingBroken = false;
        int lineNumber = 0;
        ExportLines lines = new ExportLines(reader);
        String line;
        while ((line = lines.next()) != null) {
            lineNumber++;
            boolean cut = lines.cut();
            line = Storable.text(line); // a NUL would fail the whole chunk's insert: its neighbours with it
            if (line.indexOf('\uFFFD') >= 0) {
                listener.notUtf8(lineNumber);
            }
            if (prefix.scan(line)
                    && (bracketed == null || bracketed == prefix.bracketed)
                    && !(pending != null && typedInText(line, prefix.bodyStart))) {
                bracketed = prefix.bracketed;
                emit(pending, listener);
                LocalDateTime time = time();
                pending = time == null ? null : new Pending(lineNumber, time, line.substring(prefix.bodyStart));
                if (pending != null && cut) {
                    pending.cut = true;
                    listener.cut(lineNumber);
                }
                skippingBroken = time == null;
                if (skippingBroken) {
                    listener.unreadable(lineNumber, "impossible date or time for the file's date order " + order);
                }
            } else if (pending != null) {
                if (pending.add(line, cut)) {
                    listener.cut(lineNumber);
                }
            } else if (!skippingBroken && !line.isBlank()) {
                listener.unreadable(lineNumber, "no date and time at the start, and no message before it");
            }
        }
        emit(pending, listener);
        listener.end();
    }

    /**
     * Whether a line that starts with a timestamp but names no author is text the customer typed
     * ({@code 13/03/2024, 09:00 - 17:00}: a slot, opening hours) rather than a system line: no system text
     * starts with a digit (they start with a name, a {@code +number}, "You" or "Messages").
     */
    private static boolean typedInText(String line, int bodyStart) {
        return bodyStart < line.length()
                && TimestampPrefix.isDigit(line.charAt(bodyStart))
                && MessageBody.authorEnd(line.substring(bodyStart)) < 0;
    }

    private static void emit(Pending pending, ExportListener listener) {
        if (pending == null) {
            return;
        }
        ExportMessage message = MessageBody.read(pending.line, pending.time, pending.body, pending.more());
        if (message == null) {
            listener.systemLine(pending.line);
        } else {
            listener.message(message);
        }
    }

    /** The prefix's date and time under this file's order, or null when no such date exists. */
    LocalDateTime time() {
        int hour = prefix.hourOfDay();
        if (hour > 23) {
            return null;
        }
        LocalDate date = date();
        return date == null ? null : date.atTime(hour, prefix.minute, prefix.secondOfMinute);
    }

    /** Consecutive messages mostly share a date: the last one is kept to skip the calendar arithmetic. */
    private LocalDate date() {
        int key = prefix.dateKey();
        if (key == lastDateKey) {
            return lastDate;
        }
        LocalDate date = date(order, prefix);
        if (date != null) {
            lastDate = date;
            lastDateKey = key;
        }
        return date;
    }

    /** The prefix's date under {@code order}, or null when no such date exists ({@code 31/02}). */
    static LocalDate date(DateOrder order, TimestampPrefix prefix) {
        int year;
        int month;
        int day;
        switch (order) {
            case YMD -> {
                year = prefix.first;
                month = prefix.second;
                day = prefix.third;
            }
            case MDY -> {
                month = prefix.first;
                day = prefix.second;
                year = fullYear(prefix.third);
            }
            default -> {
                day = prefix.first;
                month = prefix.second;
                year = fullYear(prefix.third);
            }
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int fullYear(int year) {
        return year < 100 ? 2000 + year : year;
    }

    /** The message being read: its first line and, only when there are any, its further lines. */
    private static final class Pending {
        final int line;
        final LocalDateTime time;
        final String body;
        private StringBuilder more;
        /** The message reached WhatsApp's length: what follows of it is left out. */
        boolean cut;

        Pending(int line, LocalDateTime time, String body) {
            this.line = line;
            this.time = time;
            this.body = body;
        }

        /**
         * Adds a further line, as much of it as keeps the message within {@link ExportLines#MAX_LINE}
         * characters (author and text): WhatsApp sends none longer.
         *
         * @param lineCut whether the reader cut the line already ({@link ExportLines#cut()})
         * @return whether the message was cut here (told once per message: the lines after are left out)
         */
        boolean add(String text, boolean lineCut) {
            if (cut) {
                return false;
            }
            int room = ExportLines.MAX_LINE - body.length() - (more == null ? 0 : more.length()) - 1;
            if (room <= 0) {
                cut = true;
                return true;
            }
            if (more == null) {
                more = new StringBuilder(Math.min(text.length(), room) + 16);
            } else {
                more.append('\n');
            }
            if (text.length() <= room) {
                more.append(text);
                cut = lineCut;
                return lineCut;
            }
            int kept = Character.isHighSurrogate(text.charAt(room - 1)) ? room - 1 : room;
            more.append(text, 0, kept);
            cut = true;
            return true;
        }

        /** Further lines without trailing blank ones; null when there are none. */
        String more() {
            if (more == null) {
                return null;
            }
            String text = more.toString().stripTrailing();
            return text.isEmpty() ? null : text;
        }
    }
}
