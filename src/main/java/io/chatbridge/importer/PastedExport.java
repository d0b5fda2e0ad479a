package io.chatbridge.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chat-export text held in memory (pasted into the console's mapping playground), read by the same
 * parser as an imported file: date order inferred from the dates, continuation lines, media markers
 * and system lines handled alike. Nothing is stored.
 */
public final class PastedExport {

    private PastedExport() {}

    /**
     * One message as the export showed it.
     *
     * @param time phone-local time; the zone comes from the business settings
     */
    public record Message(int line, LocalDateTime time, String author, String text, String type) {}

    /** True when the text starts like a WhatsApp export (a date and time before the first author). */
    public static boolean looksLikeExport(String text) {
        return text.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .map(l -> new TimestampPrefix().scan(l))
                .orElse(false);
    }

    /** The messages of the text; deleted messages and WhatsApp's own lines are left out. */
    public static List<Message> read(String text, Locale fallback) {
        try {
            DateOrder order = ExportScan.of(reader(text)).dateOrder(fallback).order();
            List<Message> messages = new ArrayList<>();
            new ExportParser(order).parse(reader(text), m -> {
                if (!m.deleted()) {
                    messages.add(new Message(m.line(), m.time(), m.author(), m.text(), m.type()));
                }
            });
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
