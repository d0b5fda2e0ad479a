package io.chatbridge.importer;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads an export's lines as {@link java.io.BufferedReader#readLine} does (a line ends at LF, CR LF or a
 * lone CR), but never holds more than {@link #MAX_LINE} characters of one: the rest of a longer line is
 * skipped, and {@link #cut()} says so. An export's lines are WhatsApp messages, at most
 * {@link #MAX_MESSAGE} characters, or parts of them; only a damaged file or one that is no export (a
 * binary, a server log) has a longer one, and reading that whole took all the memory there was (a 300 MB
 * line: {@code OutOfMemoryError}, the import and, through the API, the server's heap with it).
 */
final class ExportLines {

    /** The longest message WhatsApp sends. */
    static final int MAX_MESSAGE = 65_536;

    /** The longest line kept: a message with its timestamp and author's name before it. */
    static final int MAX_LINE = MAX_MESSAGE + 1_024;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    /** The last line ended with CR: a LF right after it ends the same line. */
    private boolean skipLf;

    private boolean cut;

    ExportLines(Reader in) {
        this.in = in;
    }

    /** The next line without its end, at most {@link #MAX_LINE} characters; null at the end of the text. */
    String next() throws IOException {
        cut = false;
        StringBuilder longer = null;
        while (true) {
            if (position >= limit) {
                int read = in.read(buffer, 0, buffer.length);
                position = 0;
                limit = Math.max(read, 0);
                if (read < 0) {
                    return longer == null ? null : longer.toString();
                }
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (end == limit) { // the line goes on past what was read
                if (longer == null) {
                    longer = new StringBuilder(Math.min(2 * (end - start) + 16, MAX_LINE));
                }
                keep(longer, start, end);
                position = limit;
                continue;
            }
            position = end + 1;
            skipLf = buffer[end] == '\r';
            if (longer == null && end - start <= MAX_LINE) {
                return new String(buffer, start, end - start);
            }
            if (longer == null) {
                longer = new StringBuilder(MAX_LINE);
            }
            keep(longer, start, end);
            return longer.toString();
        }
    }

    /** Whether the line {@link #next()} gave last was longer than {@link #MAX_LINE} and was cut. */
    boolean cut() {
        return cut;
    }

    private void keep(StringBuilder line, int from, int to) {
        if (cut) {
            return; // the rest of a line already cut
        }
        int room = MAX_LINE - line.length();
        int n = to - from;
        if (n > room) {
            cut = true;
            n = room;
            if (n > 0 && Character.isHighSurrogate(buffer[from + n - 1])) {
                n--; // not half of an emoji
            }
        }
        if (n > 0) {
            line.append(buffer, from, n);
        }
    }
}
