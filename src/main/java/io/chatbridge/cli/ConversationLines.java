package io.chatbridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.normalize.PhoneFinder;
import io.chatbridge.mapping.BusinessProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code extract} input: one message per line, grouped by conversation in order of first
 * appearance. {@code from} is {@code "business"} for the business side, otherwise the customer's
 * number; {@code timestamp} is ISO-8601 with an offset, or local time in the business zone. A line
 * that cannot be read is reported with its number and skipped.
 */
final class ConversationLines {

    record Conversation(String id, BusinessProfile business, ConversationWindow window) {}

    private static final class Builder {
        final String id;
        final BusinessProfile business;
        final List<ChatMessage> messages = new ArrayList<>();
        String customerPhone;

        Builder(String id, BusinessProfile business) {
            this.id = id;
            this.business = business;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final PhoneFinder phones = new PhoneFinder();
    private final BusinessProfile defaults;
    private final Map<String, Builder> conversations = new LinkedHashMap<>();
    private int skipped;

    ConversationLines(BusinessProfile defaults) {
        this.defaults = defaults;
    }

    void read(BufferedReader reader, PrintWriter err) throws IOException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                add(json.readTree(line), number);
            } catch (JsonProcessingException e) {
                skip(err, number, "not valid JSON (" + e.getOriginalMessage() + ")");
            } catch (IllegalArgumentException | DateTimeException e) {
                skip(err, number, e.getMessage());
            }
        }
    }

    int skipped() {
        return skipped;
    }

    List<Conversation> conversations() {
        return conversations.values().stream()
                .map(b -> new Conversation(
                        b.id, b.business, new ConversationWindow(b.id, "cli", b.customerPhone, b.messages)))
                .toList();
    }

    private void skip(PrintWriter err, int number, String why) {
        skipped++;
        err.println("line " + number + ": skipped: " + why);
    }

    private void add(JsonNode node, int number) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String conversation = required(node, "conversation");
        String text = node.path("text").asText("");
        Builder c = conversations.computeIfAbsent(conversation, id -> new Builder(id, business(node.path("business"))));
        String from = required(node, "from");
        boolean fromBusiness = from.equalsIgnoreCase("business");
        Instant at = timestamp(required(node, "timestamp"), c.business.zone());
        if (!fromBusiness && c.customerPhone == null) {
            c.customerPhone = phone(from, c.business.locale());
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : "line-" + number;
        c.messages.add(new ChatMessage(
                id,
                fromBusiness,
                node.path("name").asText(null),
                at,
                node.path("type").asText("text"),
                text));
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("`" + field + "` is missing");
        }
        return value.asText();
    }

    private BusinessProfile business(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        ZoneId zone = node.hasNonNull("zone") ? ZoneId.of(node.get("zone").asText()) : defaults.zone();
        Locale locale = node.hasNonNull("locale")
                ? Locale.forLanguageTag(node.get("locale").asText())
                : defaults.locale();
        String currency = node.hasNonNull("currency") ? node.get("currency").asText() : defaults.currency();
        List<String> languages = new ArrayList<>(defaults.languages());
        languages.remove(locale.getLanguage());
        languages.add(0, locale.getLanguage());
        return new BusinessProfile(
                "cli", defaults.name(), "", zone, locale, currency, languages, Map.of(), List.of(), null);
    }

    private static Instant timestamp(String raw, ZoneId zone) {
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(raw.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException(
                        "`timestamp` " + raw + " is not an ISO date-time such as 2026-11-20T10:15:00Z");
            }
        }
    }

    private String phone(String raw, Locale locale) {
        try {
            // WhatsApp gives wa_ids such as 447700900123: international digits without the plus
            String e164 = raw.matches("\\d{8,15}") ? phones.toE164("+" + raw, null) : null;
            e164 = e164 != null ? e164 : phones.toE164(raw, locale.getCountry());
            return e164 != null ? e164 : raw;
        } catch (RuntimeException e) {
            return raw;
        }
    }
}
