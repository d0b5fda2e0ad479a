package io.chatbridge.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a synthetic Android export of a given number of lines: a business ("Bella Pizza") and 200
 * customers with numbers, bookings, orders and small talk, one multi-line message in ten, a system line
 * and a media placeholder now and then. No real people.
 *
 * <p>{@code java -cp target/test-classes:target/classes:<deps> io.chatbridge.importer.ExportGenerator out.txt 1000000 [weeks]}
 *
 * <p>{@code weeks} starts the chat that many weeks later (weekdays stay, so "Friday" means the same): another
 * chat for a benchmark that needs every message new. The same chat with other customer numbers is not one:
 * the importer takes a file whose messages match stored ones by time, side and text for the same chat with
 * its customers shown under other names ({@code ChatContinuation}), and adds none of them again.
 */
public final class ExportGenerator {

    static final String BUSINESS = "Bella Pizza";
    private static final DateTimeFormatter PREFIX = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm", Locale.ROOT);
    private static final String[] CUSTOMER_TEXTS = {
        "Hi, can I book a table for 4 on Friday at 8pm?",
        "Could I order 2 margheritas and a garlic bread for pick-up at 7?",
        "Thanks!",
        "I paid £45.50 by bank transfer, reference BP-2231",
        "Is there parking nearby?",
        "Make it 6 people, not 4",
        "ok",
    };
    private static final String[] BUSINESS_TEXTS = {
        "Of course, see you then!", "Your order is confirmed.", "Thanks, payment received.", "Yes, behind the shop.",
    };

    private ExportGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench/export-1m.txt");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int weeks = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            write(writer, lines, weeks);
        }
        System.out.println("wrote " + lines + " lines to " + out);
    }

    public static void write(Writer writer, int lines) throws IOException {
        write(writer, lines, 0);
    }

    static void write(Writer writer, int lines, int weeksLater) throws IOException {
        LocalDateTime time = LocalDateTime.of(2023, 1, 1, 9, 0).plusWeeks(weeksLater);
        int written = 0;
        for (int i = 0; written < lines; i++) {
            time = time.plusMinutes(1 + i % 3);
            String prefix = PREFIX.format(time) + " - ";
            String customer = "+44 7700 9" + String.format(Locale.ROOT, "%05d", i % 200);
            if (i % 97 == 0) {
                writer.write(prefix + customer + " joined using this group's invite link\n");
            } else if (i % 2 == 1) {
                writer.write(prefix + BUSINESS + ": " + BUSINESS_TEXTS[i % BUSINESS_TEXTS.length] + "\n");
            } else if (i % 50 == 0) {
                writer.write(prefix + customer + ": <Media omitted>\n");
            } else if (i % 10 == 0 && written + 3 <= lines) {
                writer.write(prefix + customer + ": " + CUSTOMER_TEXTS[i % CUSTOMER_TEXTS.length] + "\n"
                        + "Also, one of us is vegetarian.\nSee you soon\n");
                written += 2;
            } else {
                writer.write(prefix + customer + ": " + CUSTOMER_TEXTS[i % CUSTOMER_TEXTS.length] + "\n");
            }
            written++;
        }
    }
}
