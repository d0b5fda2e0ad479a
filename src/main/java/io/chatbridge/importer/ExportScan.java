package io.chatbridge.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The first, cheap pass over a file: how many lines and messages it has (for the progress bar), who
 * wrote how many messages (to tell the business from its customers), and what its dates say about
 * their order. Only the timestamp and the author of each message's first line are read.
 */
final class ExportScan {

    private final TimestampPrefix prefix = new TimestampPrefix();
    private final DateOrderEvidence evidence = new DateOrderEvidence();
    private final Map<String, Integer> authors = new HashMap<>();
    private int lines;
    private int messages;

    static ExportScan of(BufferedReader reader) throws IOException {
        ExportScan scan = new ExportScan();
        scan.read(reader);
        return scan;
    }

    private void read(BufferedReader reader) throws IOException {
        Boolean bracketed = null;
        String line;
        while ((line = reader.readLine()) != null) {
            lines++;
            if (prefix.scan(line) && (bracketed == null || bracketed == prefix.bracketed)) {
                bracketed = prefix.bracketed;
                evidence.add(prefix);
                ExportMessage message = MessageBody.read(lines, null, line.substring(prefix.bodyStart), null);
                if (message != null && !message.deleted()) {
                    messages++;
                    authors.merge(message.author(), 1, Integer::sum);
                }
            }
        }
    }

    int lines() {
        return lines;
    }

    int messages() {
        return messages;
    }

    /** Author → number of messages (system lines and deleted messages not counted). */
    Map<String, Integer> authors() {
        return authors;
    }

    DateOrderEvidence.Inference dateOrder(Locale fallback) {
        return evidence.infer(fallback);
    }
}
