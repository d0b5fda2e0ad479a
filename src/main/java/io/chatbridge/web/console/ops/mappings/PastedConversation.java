package io.chatbridge.web.console.ops.mappings;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.importer.PastedExport;
import io.chatbridge.mapping.BusinessProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text pasted into the playground into a conversation. Two shapes are read: a WhatsApp chat
 * export (read by the importer's own parser, times in the business's zone), or plain
 * {@code Name: text} lines, stamped a minute apart ending now. A line without {@code Name:} continues
 * the message above it. Messages by {@code businessAuthor} are the business's side.
 */
final class PastedConversation {

    private static final Pattern AUTHOR_LINE = Pattern.compile("^\\s*([^:]{1,40}):\\s?(.*)$");

    private PastedConversation() {}

    static ConversationWindow read(String text, String businessAuthor, BusinessProfile business, Instant now) {
        String side = businessAuthor == null ? "" : businessAuthor.strip();
        List<ChatMessage> messages =
                PastedExport.looksLikeExport(text) ? fromExport(text, side, business) : fromLines(text, side, now);
        return new ConversationWindow("playground", business.phoneNumberId(), null, messages);
    }

    private static List<ChatMessage> fromExport(String text, String businessAuthor, BusinessProfile business) {
        List<ChatMessage> messages = new ArrayList<>();
        for (PastedExport.Message m : PastedExport.read(text, business.locale())) {
            messages.add(new ChatMessage(
                    "line-" + m.line(),
                    m.author().equalsIgnoreCase(businessAuthor),
                    m.author(),
                    m.time().atZone(business.zone()).toInstant(),
                    m.type(),
                    m.text() == null ? "" : m.text()));
        }
        return messages;
    }

    private static List<ChatMessage> fromLines(String text, String businessAuthor, Instant now) {
        List<Line> parts = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = AUTHOR_LINE.matcher(lines[i]);
            if (m.matches()) {
                parts.add(new Line(i + 1, m.group(1).strip(), m.group(2)));
            } else if (!lines[i].isBlank() && !parts.isEmpty()) {
                parts.get(parts.size() - 1).text.append('\n').append(lines[i]);
            } else if (!lines[i].isBlank()) {
                parts.add(new Line(i + 1, "Customer", lines[i]));
            }
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Line line = parts.get(i);
            messages.add(new ChatMessage(
                    "line-" + line.number,
                    line.author.equalsIgnoreCase(businessAuthor),
                    line.author,
                    now.minusSeconds(60L * (parts.size() - 1 - i)),
                    "text",
                    line.text.toString()));
        }
        return messages;
    }

    private static final class Line {
        final int number;
        final String author;
        final StringBuilder text;

        Line(int number, String author, String text) {
            this.number = number;
            this.author = author;
            this.text = new StringBuilder(text);
        }
    }
}
