package io.chatbridge.cli;

import io.chatbridge.importer.ImportSummary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The end-of-import report, in words a business owner can check (the command's, and the console's). */
public final class SummaryPrinter {

    /** A group whose members were all renamed continues a conversation per member: the first few are shown. */
    static final int CONTINUED_LISTED = 10;

    private SummaryPrinter() {}

    /** The report as text, lines ending in {@code \n}. */
    public static String text(ImportSummary s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)) {
            print(s, out);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    static void print(ImportSummary s, PrintStream out) {
        out.println(s.dryRun() ? "Dry run: nothing was written." : "Import finished.");
        out.printf(Locale.ROOT, "  files:          %s%n", String.join(", ", s.files()));
        s.notImported().forEach(file -> out.println("  not imported:   " + file));
        s.dateOrders().forEach(order -> out.println("  date order:     " + order));
        out.println("  business:       " + s.businessDecision());
        s.continued().stream().limit(CONTINUED_LISTED).forEach(line -> out.println("  continued:      " + line));
        if (s.continued().size() > CONTINUED_LISTED) {
            out.printf(
                    Locale.ROOT,
                    "                  … and %,d more customers continue their conversations (all in the API's summary)%n",
                    s.continued().size() - CONTINUED_LISTED);
        }
        out.printf(Locale.ROOT, "  conversations:  %,d%n", s.conversations());
        out.printf(Locale.ROOT, "  lines:          %,d%n", s.lines());
        out.printf(
                Locale.ROOT,
                "  messages:       %,d read, %,d new%s%s%n",
                s.messages(),
                s.newMessages(),
                s.receivedBefore() > 0
                        ? String.format(
                                Locale.ROOT,
                                ", %,d had come through the WhatsApp Cloud API already",
                                s.receivedBefore())
                        : "",
                s.messages() > s.newMessages() + s.receivedBefore() && !s.dryRun()
                        ? " (the rest were imported before)"
                        : "");
        out.printf(
                Locale.ROOT,
                "  skipped:        %,d system lines, %,d deleted messages%n",
                s.systemLines(),
                s.deletedMessages());
        if (s.mediaStored() > 0) {
            out.printf(Locale.ROOT, "  media stored:   %,d%n", s.mediaStored());
        }
        if (!s.dryRun()) {
            out.printf(Locale.ROOT, "  records:        %,d%s%n", s.records(), perType(s.recordsByType()));
        }
        out.printf(Locale.ROOT, "  unreadable:     %,d lines%n", s.unreadableLines());
        s.unreadable().forEach(line -> out.println("    " + line));
        if (s.unreadableLines() > s.unreadable().size()) {
            out.printf(
                    Locale.ROOT,
                    "    … and %,d more%n",
                    s.unreadableLines() - s.unreadable().size());
        }
        out.printf(Locale.ROOT, "  took:           %.1f s%n", s.took().toMillis() / 1000.0);
    }

    private static String perType(Map<String, Long> byType) {
        if (byType.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        byType.forEach((type, n) -> text.append(text.length() > 2 ? ", " : "")
                .append(type)
                .append(' ')
                .append(n));
        return text.append(')').toString();
    }
}
