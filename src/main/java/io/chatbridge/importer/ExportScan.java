package io.chatbridge.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The first, cheap pass over a file: how many lines and messages it has (for the progress bar), who
 * wrote how many messages (to tell the business from its customers), and what its dates say about
 * their order. Only the timestamp and the author of each message's first line are read.
 *
 * <p>Authors are counted per date order: the order is known only once the whole file has been read (or
 * from {@code --date-order}), and the parse skips a message whose date does not exist under it. An author
 * seen only on such lines ({@code 31/02/2024, 10:00 - Tom: …} in a day-first file) is no author of the
 * chat: counted, it made a one-to-one chat look like a group, which ignored {@code --customer-number}.
 */
final class ExportScan {

    private static final DateOrder[] ORDERS = DateOrder.values();

    private final TimestampPrefix prefix = new TimestampPrefix();
    private final DateOrderEvidence evidence = new DateOrderEvidence();

    /**
     * Author → messages whose timestamp exists under each order (by {@link DateOrder#ordinal()}), in the
     * order the authors first wrote: a tie between the busiest members goes to the first ({@link
     * ConversationPlacer}), whatever their names.
     */
    private final Map<String, int[]> authors = new LinkedHashMap<>();

    private int lastDateKey = -1;
    private int lastDateOrders;
    private int lines;

    static ExportScan of(BufferedReader reader) throws IOException {
        ExportScan scan = new ExportScan();
        scan.read(reader);
        return scan;
    }

    private void read(BufferedReader reader) throws IOException {
        Boolean bracketed = null;
        ExportLines lineReader = new ExportLines(reader);
        String line;
        while ((line = lineReader.next()) != null) {
            lines++;
            if (prefix.scan(line) && (bracketed == null || bracketed == prefix.bracketed)) {
                bracketed = prefix.bracketed;
                evidence.add(prefix);
                ExportMessage message = MessageBody.read(lines, null, line.substring(prefix.bodyStart), null);
                if (message != null && !message.deleted()) {
                    int orders = ordersWhereTheTimestampExists();
                    int[] counts = authors.computeIfAbsent(message.author(), a -> new int[ORDERS.length]);
                    for (DateOrder order : ORDERS) {
                        if ((orders & (1 << order.ordinal())) != 0) {
                            counts[order.ordinal()]++;
                        }
                    }
                }
            }
        }
    }

    int lines() {
        return lines;
    }

    /** A bit per {@link DateOrder} under which the prefix's date and time exist (consecutive lines share dates). */
    private int ordersWhereTheTimestampExists() {
        if (prefix.hourOfDay() > 23) {
            return 0;
        }
        int key = prefix.dateKey();
        if (key != lastDateKey) {
            lastDateOrders = 0;
            for (DateOrder order : ORDERS) {
                if (ExportParser.date(order, prefix) != null) {
                    lastDateOrders |= 1 << order.ordinal();
                }
            }
            lastDateKey = key;
        }
        return lastDateOrders;
    }

    /** Messages the parse reads under {@code order} (deleted ones and those whose date does not exist left out). */
    long messages(DateOrder order) {
        long n = 0;
        for (int[] counts : authors.values()) {
            n += counts[order.ordinal()];
        }
        return n;
    }

    /**
     * Author → number of messages the parse reads under {@code order}: system lines, deleted messages and
     * messages whose date does not exist under it are not counted, and an author with none is left out; in
     * the order the authors first wrote.
     */
    Map<String, Integer> authors(DateOrder order) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        authors.forEach((author, counts) -> {
            if (counts[order.ordinal()] > 0) {
                counted.put(author, counts[order.ordinal()]);
            }
        });
        return counted;
    }

    DateOrderEvidence.Inference dateOrder(Locale fallback) {
        return evidence.infer(fallback);
    }
}
