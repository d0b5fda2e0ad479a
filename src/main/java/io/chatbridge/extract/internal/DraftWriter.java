package io.chatbridge.extract.internal;

import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.FieldSource;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.extract.normalize.Money;
import io.chatbridge.extract.normalize.TextCleaner;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns an open record into a draft in the canonical normal forms: ISO dates, HH:mm times, amounts as
 * two-decimal strings, order lines as {name, quantity}. Fills fallbacks (the customer's number, the
 * business currency, the message date, the WhatsApp profile name) at lower confidence, drops values
 * that break the mapping's {@code pattern}, and lists what is still missing.
 */
final class DraftWriter {

    private DraftWriter() {}

    static RecordDraft write(
            OpenRecord record, List<OpenRecord> conversation, ConversationWindow window, BusinessProfile business) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, FieldSource> sources = new LinkedHashMap<>();
        Map<String, Double> confidence = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (CompiledType.CompiledField compiled : record.type.fields) {
            FieldMapping f = compiled.mapping;
            Slot slot = f.type() == FieldType.ITEM_LIST ? items(record) : record.slots.get(f.name());
            if (slot == null) {
                slot = fallback(f, record, conversation, window, business);
            }
            Object value = slot == null ? null : canonical(f, slot.value());
            if (value != null && !compiled.constraints.allowsText(String.valueOf(value))) {
                value = null;
            }
            if (value == null) {
                if (f.required()) {
                    missing.add(f.name());
                }
                continue;
            }
            fields.put(f.name(), value);
            sources.put(f.name(), new FieldSource(slot.messageId(), slot.start(), slot.end()));
            confidence.put(f.name(), Math.round(slot.confidence() * 100) / 100.0);
        }
        return new RecordDraft(
                record.type.name(),
                record.anchorMessageId,
                businessKey(record, fields),
                fields,
                sources,
                confidence,
                missing);
    }

    private static Slot items(OpenRecord record) {
        if (record.items.isEmpty() || record.itemsSource == null) {
            return null;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ItemParser.Item item : record.items) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", item.name());
            line.put("quantity", item.quantity());
            lines.add(line);
        }
        Slot source = record.itemsSource;
        return new Slot(List.copyOf(lines), source.messageId(), source.start(), source.end(), source.confidence());
    }

    private static Object canonical(FieldMapping f, Object value) {
        return switch (f.type()) {
            case MONEY, DECIMAL -> value instanceof Money m ? m.amount().toPlainString() : String.valueOf(value);
            case INTEGER -> value instanceof Number n ? n.intValue() : value;
            case ITEM_LIST -> value;
            default -> FieldReader.render(value);
        };
    }

    private static Slot fallback(
            FieldMapping f,
            OpenRecord record,
            List<OpenRecord> conversation,
            ConversationWindow window,
            BusinessProfile business) {
        if (f.fallback() == null) {
            return null;
        }
        String anchor = record.anchorMessageId;
        return switch (f.fallback()) {
            case "customer-phone" ->
                window.customerPhone() == null ? null : new Slot(window.customerPhone(), anchor, 0, 0, 0.99);
            case "business-currency" -> new Slot(currencyOf(record, business), anchor, 0, 0, 0.8);
            case "message-date" ->
                new Slot(anchorTime(record, window).atZone(business.zone()).toLocalDate(), anchor, 0, 0, 0.6);
            case "profile-name" -> nameSaidElsewhere(conversation).orElseGet(() -> profileName(record, window));
            default -> null;
        };
    }

    private static String currencyOf(OpenRecord record, BusinessProfile business) {
        return business.currency();
    }

    private static Instant anchorTime(OpenRecord record, ConversationWindow window) {
        ChatMessage anchor = anchor(record, window, false);
        return anchor == null ? record.lastTouched : anchor.timestamp();
    }

    /** The first message of the window with the record's anchor id (and an author name, if asked), or null. */
    private static ChatMessage anchor(OpenRecord record, ConversationWindow window, boolean named) {
        for (ChatMessage m : window.messages()) {
            if (m.messageId().equals(record.anchorMessageId) && (!named || m.authorName() != null)) {
                return m;
            }
        }
        return null;
    }

    /** A name the customer gave for another record of the same conversation beats the profile name. */
    private static java.util.Optional<Slot> nameSaidElsewhere(List<OpenRecord> conversation) {
        Slot said = nameSaid(conversation);
        return said == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(
                        new Slot(said.value(), said.messageId(), said.start(), said.end(), said.confidence() * 0.9));
    }

    /**
     * The name the customer gave in the conversation's records, as held there (null when none did): the
     * only thing a draft takes from other records than its own.
     */
    static Slot nameSaid(List<OpenRecord> conversation) {
        for (OpenRecord other : conversation) {
            for (String field : other.type.nameFields) {
                Slot said = other.slots.get(field);
                if (said != null) {
                    return said;
                }
            }
        }
        return null;
    }

    private static Slot profileName(OpenRecord record, ConversationWindow window) {
        ChatMessage anchor = anchor(record, window, true);
        if (anchor == null) {
            return null;
        }
        String name = PROFILE_NAMES.get(anchor.authorName());
        if (name == null) {
            name = TextFields.format(lettersOnly(TextCleaner.clean(anchor.authorName())), "name");
            if (PROFILE_NAMES.size() < 4096) {
                PROFILE_NAMES.put(anchor.authorName(), name);
            }
        }
        return name.replace(" ", "").length() >= 2 ? new Slot(name, record.anchorMessageId, 0, 0, 0.6) : null;
    }

    /**
     * Profile names as drafts give them, by the name as written: every draft of a record with a name field
     * asks again, and a chat has few authors. Bounded, so that many authors cannot fill memory.
     */
    private static final Map<String, String> PROFILE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Anything but letters, apostrophes, spaces and hyphens becomes a space ({@code [^\p{L}' -] → " "}). */
    private static String lettersOnly(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (Character.isLetter(c) || c == '\'' || c == ' ' || c == '-') {
                out.appendCodePoint(c);
            } else {
                out.append(' ');
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static String businessKey(OpenRecord record, Map<String, Object> fields) {
        StringJoiner key = new StringJoiner("|");
        for (String field : record.type.mapping.businessKey()) {
            Object value = fields.get(field);
            if (value == null) {
                return null;
            }
            key.add(String.valueOf(value));
        }
        return key.toString();
    }
}
