package io.chatbridge.importer;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what follows the timestamp: who wrote it, or whether WhatsApp did (a system line), and the
 * markers around the text — attached and omitted media, {@code <This message was edited>}, deleted
 * messages. WhatsApp writes the markers in the phone's language: English, Spanish, Portuguese, German
 * and French are known here (the strings seen in exports); a marker in another language stays in the
 * text, where the extractor ignores it.
 */
final class MessageBody {

    private static final char LRM = '\u200E';
    private static final List<String> EDITED = List.of(
            "<This message was edited>",
            "<Se editó este mensaje.>",
            "<Se editó este mensaje>",
            "<Mensagem editada>",
            "<Diese Nachricht wurde bearbeitet>",
            "<Ce message a été modifié>");
    private static final Pattern ANDROID_ATTACHED = Pattern.compile("(\\S+\\.[A-Za-z0-9]{2,5}) \\([^()]{3,40}\\)");
    /** Compared without a final full stop. */
    private static final List<String> DELETED = List.of(
            "This message was deleted",
            "You deleted this message",
            "This message was deleted by admin",
            "Se eliminó este mensaje",
            "Eliminaste este mensaje",
            "Este mensaje fue eliminado",
            "Mensagem apagada",
            "Você apagou esta mensagem",
            "Esta mensagem foi apagada",
            "Diese Nachricht wurde gelöscht",
            "Du hast diese Nachricht gelöscht",
            "Ce message a été supprimé",
            "Vous avez supprimé ce message");

    private static final List<String> SYSTEM_WITH_AUTHOR = List.of(
            "Messages and calls are end-to-end encrypted",
            "Messages to this group are now secured",
            "Your security code with");
    /**
     * A missed call is a whole line ({@code Missed voice call}, on iOS with {@code , Tap to call back}):
     * a customer's "Missed voice call, can you ring me?" is a message.
     */
    private static final Set<String> MISSED_CALLS = missedCalls();

    private static final Map<String, String> OMITTED = Map.ofEntries(
            Map.entry("image omitted", "image"),
            Map.entry("video omitted", "video"),
            Map.entry("audio omitted", "audio"),
            Map.entry("sticker omitted", "sticker"),
            Map.entry("document omitted", "document"),
            Map.entry("GIF omitted", "image"),
            Map.entry("Contact card omitted", "contacts"),
            Map.entry("<Media omitted>", "media"),
            Map.entry("imagen omitida", "image"),
            Map.entry("documento omitido", "document"),
            Map.entry("<Multimedia omitido>", "media"),
            Map.entry("imagem ocultada", "image"),
            Map.entry("<Mídia oculta>", "media"),
            Map.entry("<Medien ausgeschlossen>", "media"),
            Map.entry("<Médias omis>", "media"));

    private MessageBody() {}

    /**
     * @param body the first line after the timestamp
     * @param more the message's further lines joined by {@code \n}, or null
     * @return the message, or null for a system line
     */
    static ExportMessage read(int line, LocalDateTime time, String body, String more) {
        int colon = authorEnd(body);
        if (colon < 0) {
            return null;
        }
        String author = cleanAuthor(body.substring(0, colon));
        int textStart = colon + 1;
        if (textStart < body.length() && TimestampPrefix.isSpace(body.charAt(textStart))) {
            textStart++;
        }
        String first = body.substring(textStart);
        if (author.isEmpty()) {
            return null;
        }
        return readText(line, time, author, first, more);
    }

    private static ExportMessage readText(int line, LocalDateTime time, String author, String first, String more) {
        boolean marked = !first.isEmpty() && first.charAt(0) == LRM;
        String plain = marked || first.indexOf(LRM) >= 0 ? first.replace(String.valueOf(LRM), "") : first;
        if (isDeleted(plain) && more == null) {
            return new ExportMessage(line, time, author, "", "deleted", null, false, true);
        }
        if (more == null && (startsWithAny(plain, SYSTEM_WITH_AUTHOR) || isMissedCall(plain))) {
            return null;
        }
        ExportMessage media = media(line, time, author, plain, more);
        if (media != null) {
            return media;
        }
        if (marked && more == null && editedMarker(plain) == null) {
            return null; // iOS writes system lines with the chat name as author and an LRM before the text
        }
        String text = more == null ? plain : plain + "\n" + more;
        return plainText(line, time, author, text);
    }

    private static ExportMessage plainText(int line, LocalDateTime time, String author, String text) {
        String marker = editedMarker(text);
        boolean edited = marker != null;
        if (edited) {
            text = text.substring(0, text.length() - marker.length()).stripTrailing();
        }
        String type = text.startsWith("POLL:") ? "poll" : "text";
        return new ExportMessage(line, time, author, text, type, null, edited, false);
    }

    private static String editedMarker(String text) {
        if (!text.endsWith(">")) {
            return null;
        }
        for (String marker : EDITED) {
            if (text.endsWith(marker)) {
                return marker;
            }
        }
        return null;
    }

    private static ExportMessage media(int line, LocalDateTime time, String author, String first, String more) {
        String caption = more == null ? "" : more;
        String omitted = omittedType(first);
        if (omitted != null) {
            return new ExportMessage(line, time, author, caption, omitted, null, false, false);
        }
        int attached = first.indexOf("<attached: ");
        if (attached >= 0 && first.endsWith(">")) {
            String file = first.substring(attached + 11, first.length() - 1).trim();
            String before = first.substring(0, attached).trim();
            return attachment(line, time, author, file, join(before, caption));
        }
        if (first.endsWith(" <attached>")) {
            String file = first.substring(0, first.length() - 11).trim();
            return attachment(line, time, author, file, caption);
        }
        if (first.endsWith(")") && first.indexOf(" (") > 0) {
            Matcher matcher = ANDROID_ATTACHED.matcher(first);
            if (matcher.matches()) {
                return attachment(line, time, author, matcher.group(1), caption);
            }
        }
        return null;
    }

    private static ExportMessage attachment(int line, LocalDateTime time, String author, String file, String caption) {
        return new ExportMessage(line, time, author, caption, MediaKind.of(file), file, false, false);
    }

    private static String omittedType(String first) {
        String type = OMITTED.get(first.trim());
        if (type == null && first.endsWith("document omitted")) {
            return "document";
        }
        return type;
    }

    private static boolean isDeleted(String text) {
        String trimmed = text.trim();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return DELETED.contains(trimmed);
    }

    /**
     * Where the author ends: the first {@code ": "}, or a colon ending the line ({@code Loris:} then a
     * multi-line text), or the first colon ({@code John Doe:.}) unless it is inside a time ({@code 17:00}: a
     * message's line that starts with a date and a time range). A would-be author with quotes in it is a
     * system line quoting a group name ({@code X changed the subject to "a: b"}).
     */
    static int authorEnd(String body) {
        int colon = body.indexOf(": ");
        if (colon < 0) {
            colon = body.indexOf(':');
            if (colon > 0
                    && colon + 1 < body.length()
                    && TimestampPrefix.isDigit(body.charAt(colon - 1))
                    && TimestampPrefix.isDigit(body.charAt(colon + 1))) {
                return -1;
            }
        }
        if (colon <= 0 || colon > 80) {
            return -1;
        }
        for (int i = 0; i < colon; i++) {
            char c = body.charAt(i);
            if (c == '"' || c == '“' || c == '”' || c == '«') {
                return -1;
            }
        }
        return colon;
    }

    /** Removes direction marks, the {@code ~ } WhatsApp puts before unsaved contacts, and odd spaces. */
    static String cleanAuthor(String raw) {
        boolean plain = true;
        for (int i = 0; i < raw.length() && plain; i++) {
            char c = raw.charAt(i);
            plain = c != '~' && c != '\u00A0' && c != '\u202F' && !TimestampPrefix.isInvisible(c);
        }
        if (plain) {
            return raw.trim();
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!TimestampPrefix.isInvisible(c)) {
                out.append(c == '\u00A0' || c == '\u202F' ? ' ' : c);
            }
        }
        String author = out.toString().trim();
        return author.startsWith("~") ? author.substring(1).trim() : author;
    }

    private static boolean isMissedCall(String text) {
        return text.startsWith("Missed ") && MISSED_CALLS.contains(text.strip());
    }

    private static Set<String> missedCalls() {
        Set<String> lines = new HashSet<>();
        for (String call : List.of("voice call", "video call", "group voice call", "group video call")) {
            for (String tail : List.of("", ", Tap to call back", ", tap to call back")) {
                lines.add("Missed " + call + tail);
            }
        }
        return Set.copyOf(lines);
    }

    private static boolean startsWithAny(String text, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String join(String before, String after) {
        if (before.isEmpty()) {
            return after;
        }
        return after.isEmpty() ? before : before + "\n" + after;
    }

    /** The media kind from an exported file name ({@code 00000001-PHOTO-…}, {@code IMG-…-WA0001.jpg}). */
    static final class MediaKind {

        private MediaKind() {}

        static String of(String file) {
            String name = file.toUpperCase(Locale.ROOT);
            if (name.contains("PHOTO") || name.startsWith("IMG-")) {
                return "image";
            }
            if (name.contains("VIDEO") || name.startsWith("VID-")) {
                return "video";
            }
            if (name.contains("AUDIO") || name.startsWith("AUD-") || name.startsWith("PTT-")) {
                return "audio";
            }
            if (name.contains("STICKER") || name.startsWith("STK-")) {
                return "sticker";
            }
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1);
            return switch (extension) {
                case "JPG", "JPEG", "PNG", "GIF", "HEIC" -> "image";
                case "MP4", "MOV", "3GP" -> "video";
                case "OPUS", "MP3", "M4A", "OGG", "AAC" -> "audio";
                case "WEBP" -> "sticker";
                case "VCF" -> "contacts";
                default -> "document";
            };
        }
    }
}
