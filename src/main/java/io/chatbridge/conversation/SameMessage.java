package io.chatbridge.conversation;

import java.sql.Timestamp;

/**
 * What is compared when one message may have reached chatbridge twice, by different ways (a webhook, and
 * a chat's export): its side ({@code in}, {@code out}), whether it is media, and its text or caption as
 * {@link #plain} gives it. Times are compared by the minute ({@link #minute}: an export shows minutes),
 * and a copy may show in the minute before or after its twin's (a message sent at 18:04:59 can show as
 * 18:05). Used by the importer's look-ups and by the normaliser's ({@link ExportTwins}).
 */
public record SameMessage(String direction, boolean media, String text) {

    public SameMessage {
        text = plain(text);
    }

    /** The minute an instant falls in, from its epoch milliseconds. */
    public static long minute(long epochMillis) {
        return Math.floorDiv(epochMillis, 60_000L);
    }

    /** Where the messages that may be a twin of one sent in {@code minute} (or later) start: a minute before. */
    public static Timestamp since(long minute) {
        return new Timestamp((minute - 1) * 60_000L);
    }

    /** Where the messages that may be a twin of one sent in {@code minute} (or earlier) end: a minute after. */
    public static Timestamp until(long minute) {
        return new Timestamp((minute + 2) * 60_000L);
    }

    /**
     * The text as compared: direction and embedding marks and the byte-order mark left out, every run of
     * white space (no-break spaces, line breaks) one space, none at the ends; null is empty.
     */
    static String plain(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u200E'
                    || c == '\u200F'
                    || c == '\uFEFF'
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
