package io.chatbridge.automation;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the morning digest: short, grouped by record type, with record ids, one line per section,
 * so it reads on a phone at a glance. Pure code, so its wording is tested against a fixed text.
 */
final class DigestText {

    private static final int MAX_ITEMS = 10;
    private static final int QUOTE = 40;

    private DigestText() {}

    record RecordLine(String type, String humanId, List<String> missing) {}

    record Unanswered(String name, String phone, int count, String lastText) {}

    static String write(
            String business,
            ZonedDateTime from,
            ZonedDateTime to,
            List<RecordLine> created,
            List<RecordLine> changed,
            List<RecordLine> incomplete,
            List<Unanswered> unanswered) {
        Locale locale = Locale.UK;
        List<String> lines = new ArrayList<>();
        lines.add("Good morning! " + business + ", " + to.format(DateTimeFormatter.ofPattern("EEE d MMM", locale))
                + " (since " + from.format(DateTimeFormatter.ofPattern("EEE d MMM HH:mm", locale)) + ")");
        if (!created.isEmpty()) {
            lines.add("New (" + created.size() + "): " + byType(created));
        }
        if (!changed.isEmpty()) {
            lines.add("Changed (" + changed.size() + "): " + byType(changed));
        }
        if (!incomplete.isEmpty()) {
            lines.add("Incomplete (" + incomplete.size() + "): "
                    + limited(incomplete.stream()
                            .map(r -> r.humanId()
                                    + (r.missing().isEmpty() ? "" : " needs " + String.join(", ", r.missing())))
                            .toList()));
        }
        if (!unanswered.isEmpty()) {
            lines.add("Unanswered ("
                    + unanswered.stream().mapToInt(Unanswered::count).sum() + "): "
                    + limited(unanswered.stream()
                            .map(u -> (u.name() == null ? "" : u.name() + " ") + u.phone()
                                    + (u.count() > 1 ? " ×" + u.count() : "") + " \"" + quote(u.lastText()) + "\"")
                            .toList()));
        }
        if (lines.size() == 1) {
            lines.add("Nothing new.");
        }
        return String.join("\n", lines);
    }

    private static String byType(List<RecordLine> records) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        records.forEach(
                r -> grouped.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.humanId()));
        return grouped.entrySet().stream()
                .map(e -> e.getKey() + " " + limited(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String limited(List<String> items) {
        if (items.size() <= MAX_ITEMS) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_ITEMS)) + " and " + (items.size() - MAX_ITEMS) + " more";
    }

    private static String quote(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return flat.length() <= QUOTE ? flat : flat.substring(0, QUOTE - 1) + "…";
    }
}
