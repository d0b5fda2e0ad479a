package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.chatbridge.common.Storable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a WhatsApp Cloud API webhook envelope into messages, statuses and errors.
 *
 * <p>Lenient by design: Meta adds fields and message types without notice, so anything unknown is
 * kept in the stored payload and passed through with empty text rather than failing the batch.
 */
public final class WhatsAppPayloadParser {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");

    private final ObjectMapper json;

    public WhatsAppPayloadParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param receivedAt used as the time of an item that carries no readable timestamp
     */
    public ParsedWebhook parse(byte[] raw, Instant receivedAt) throws IOException {
        JsonNode envelope = json.readTree(raw);
        List<InboundMessage> messages = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        List<WebhookError> errors = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (JsonNode entry : envelope.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                String field = change.path("field").asText("");
                JsonNode value = change.path("value");
                if (!"messages".equals(field)) {
                    other.add(field);
                    continue;
                }
                readMessages(value, receivedAt, messages);
                readStatuses(value, receivedAt, statuses);
                readErrors(value, errors);
            }
        }
        return new ParsedWebhook(messages, statuses, errors, other);
    }

    private void readMessages(JsonNode value, Instant receivedAt, List<InboundMessage> out) {
        JsonNode metadata = value.path("metadata");
        String phoneNumberId = Storable.id(metadata.path("phone_number_id").asText(""));
        String display = Storable.text(metadata.path("display_phone_number").asText(null));
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
            names.put(
                    contact.path("wa_id").asText(""),
                    contact.path("profile").path("name").asText(null));
        }
        for (JsonNode message : value.path("messages")) {
            String from = message.path("from").asText("");
            if (from.isEmpty()) {
                from = message.path("from_user_id").asText("unknown");
            }
            String type = message.path("type").asText("unknown");
            out.add(new InboundMessage(
                    Storable.id(message.path("id").asText("")),
                    phoneNumberId,
                    display,
                    Storable.id(from),
                    Storable.text(names.get(from)),
                    Storable.text(type),
                    Storable.text(textOf(type, message)),
                    MEDIA_TYPES.contains(type) ? Storable.json(message.path(type)) : NullNode.getInstance(),
                    message.has("context") ? Storable.json(message.get("context")) : NullNode.getInstance(),
                    epochSeconds(message.path("timestamp"), receivedAt),
                    Storable.json(message)));
        }
    }

    private static void readStatuses(JsonNode value, Instant receivedAt, List<StatusUpdate> out) {
        for (JsonNode status : value.path("statuses")) {
            out.add(new StatusUpdate(
                    Storable.id(status.path("id").asText("")),
                    Storable.id(status.path("status").asText("unknown")),
                    epochSeconds(status.path("timestamp"), receivedAt),
                    Storable.text(status.path("recipient_id").asText(null)),
                    status.has("errors") ? Storable.json(status.get("errors")) : NullNode.getInstance(),
                    Storable.json(status)));
        }
    }

    private static void readErrors(JsonNode value, List<WebhookError> out) {
        String phoneNumberId =
                Storable.text(value.path("metadata").path("phone_number_id").asText(null));
        for (JsonNode error : value.path("errors")) {
            out.add(new WebhookError(
                    phoneNumberId,
                    error.path("code").asInt(0),
                    Storable.text(error.path("title").asText(null)),
                    Storable.json(error)));
        }
    }

    /** The words of a message that extraction reads, whatever its type. */
    static String textOf(String type, JsonNode message) {
        JsonNode body = message.path(type);
        return switch (type) {
            case "text" -> body.path("body").asText("");
            case "image", "video", "document" -> body.path("caption").asText("");
            case "interactive" -> interactiveText(body);
            case "button" -> body.path("text").asText("");
            case "location" ->
                joinNonEmpty(body.path("name").asText(""), body.path("address").asText(""));
            case "contacts" -> contactsText(body);
            case "reaction" -> body.path("emoji").asText("");
            case "order" -> body.path("text").asText("");
            case "system" -> body.path("body").asText("");
            default -> "";
        };
    }

    private static String interactiveText(JsonNode interactive) {
        JsonNode reply =
                interactive.has("button_reply") ? interactive.path("button_reply") : interactive.path("list_reply");
        return joinNonEmpty(
                reply.path("title").asText(""), reply.path("description").asText(""));
    }

    private static String contactsText(JsonNode contacts) {
        List<String> parts = new ArrayList<>();
        for (JsonNode contact : contacts) {
            parts.add(contact.path("name").path("formatted_name").asText(""));
            for (JsonNode phone : contact.path("phones")) {
                parts.add(phone.path("phone").asText(""));
            }
        }
        return joinNonEmpty(parts.toArray(String[]::new));
    }

    private static String joinNonEmpty(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append(part);
            }
        }
        return out.toString();
    }

    private static Instant epochSeconds(JsonNode timestamp, Instant fallback) {
        String text = timestamp.asText("");
        try {
            return Storable.epochSecond(Long.parseLong(text.trim()), fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
