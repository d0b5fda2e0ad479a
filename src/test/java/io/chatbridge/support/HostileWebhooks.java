package io.chatbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A generated corpus of hostile WhatsApp webhooks (issue 11, drill 6): Meta's envelope with fields of
 * the wrong type, impossible timestamps, NUL characters, formulas, huge and deeply nested values, and
 * bytes that are not JSON at all. Every well-formed envelope also carries a <em>canary</em>: a normal
 * text message with a known id beside the hostile ones, which must always be stored, whatever its
 * neighbours look like. Deterministic for a seed, so a failure can be replayed.
 */
public final class HostileWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings a customer (or an attacker) might send; each has broken something somewhere once. */
    public static final List<String> HOSTILE_TEXTS = List.of(
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "+44 7700 900123",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=cmd|' /C calc'!A0",
            "＝1+1",
            "nul\u0000inside",
            "\u0000",
            "\uD800 lone surrogate",
            "\u202Eevil right-to-left",
            "\u200E\u200F\u00A0\u202F",
            "'; drop table message; --",
            "<script>alert(1)</script>",
            "{{7*7}} ${7*7} #{7*7}",
            "😀".repeat(500),
            "x".repeat(70_000));

    /** Timestamps that are not seconds since 1970 in a range PostgreSQL can hold. */
    private static final List<JsonNode> HOSTILE_TIMESTAMPS = List.of(
            NODES.textNode(""),
            NODES.textNode("yesterday"),
            NODES.textNode("-1"),
            NODES.textNode("9223372036854775807"),
            NODES.textNode("99999999999999"),
            NODES.textNode("-62135596801"),
            NODES.textNode("1e10"),
            NODES.numberNode(1.5e300),
            NODES.numberNode(-42L),
            NODES.nullNode(),
            NODES.objectNode(),
            NODES.arrayNode().add(1760000000));

    private final Random random;
    private int sequence;

    public HostileWebhooks(long seed) {
        this.random = new Random(seed);
    }

    /** One generated body. */
    public record Body(byte[] bytes, String canaryId, String kind) {

        public boolean wellFormed() {
            return canaryId != null;
        }
    }

    public Body next() {
        int pick = random.nextInt(100);
        if (pick < 12) {
            return notJson();
        }
        ObjectNode envelope = envelope();
        String canary = "wamid.canary." + sequence;
        ArrayNode messages = (ArrayNode) envelope.at("/entry/0/changes/0/value/messages");
        messages.add(textMessage(canary, "4477009" + String.format("%05d", sequence % 100_000), "canary"));
        String kind = mutate(envelope, messages);
        sequence++;
        return new Body(bytes(envelope), canary, kind);
    }

    private ObjectNode envelope() {
        ObjectNode value = NODES.objectNode();
        value.put("messaging_product", "whatsapp");
        value.putObject("metadata")
                .put("display_phone_number", "15550783881")
                .put("phone_number_id", Webhooks.PHONE_NUMBER_ID);
        value.putArray("contacts")
                .addObject()
                .put("wa_id", "447700900999")
                .putObject("profile")
                .put("name", pick(HOSTILE_TEXTS));
        value.putArray("messages");
        ObjectNode envelope = NODES.objectNode().put("object", "whatsapp_business_account");
        ObjectNode change = envelope.putArray("entry")
                .addObject()
                .put("id", "102290129340398")
                .putArray("changes")
                .addObject();
        change.put("field", "messages");
        change.set("value", value);
        return envelope;
    }

    private ObjectNode textMessage(String id, String from, String text) {
        ObjectNode message = NODES.objectNode()
                .put("from", from)
                .put("id", id)
                .put("timestamp", String.valueOf(1_760_000_000L + sequence))
                .put("type", "text");
        message.putObject("text").put("body", text);
        return message;
    }

    /** Adds hostile neighbours to the canary (or bends the envelope around it); returns what it did. */
    private String mutate(ObjectNode envelope, ArrayNode messages) {
        String id = "wamid.hostile." + sequence;
        ObjectNode hostile = textMessage(id, "447700900" + (100 + random.nextInt(800)), pick(HOSTILE_TEXTS));
        switch (random.nextInt(14)) {
            case 0 -> hostile.set("timestamp", pick(HOSTILE_TIMESTAMPS));
            case 1 -> hostile.put("id", pick(List.of("", "id\u0000nul", "x".repeat(5000), " ")));
            case 2 -> hostile.set("id", pick(List.of(NODES.numberNode(42), NODES.nullNode(), NODES.objectNode())));
            case 3 -> hostile.put("from", pick(List.of("", "+", "abc", "1".repeat(300), "44\u00007700")));
            case 4 ->
                hostile.put("type", pick(List.of("image", "interactive", "contacts", "location", "unsupported", "")));
            case 5 ->
                hostile.set("text", pick(List.of(NODES.textNode("flat"), NODES.arrayNode(), NODES.numberNode(7))));
            case 6 -> {
                hostile.put("type", "image");
                hostile.putObject("image")
                        .put("id", "media.1")
                        .put("mime_type", "image/jpeg")
                        .put("caption", pick(HOSTILE_TEXTS));
            }
            case 7 -> {
                for (int i = 0; i < 200; i++) {
                    messages.add(textMessage(id + "." + i, "447700900" + (100 + i), "bulk " + i));
                }
                return "two hundred more messages";
            }
            case 8 -> {
                ObjectNode value = (ObjectNode) envelope.at("/entry/0/changes/0/value");
                value.putArray("statuses")
                        .addObject()
                        .put("id", pick(List.of("", "wamid.x", "s\u0000")))
                        .put("status", pick(List.of("read", "", "\u0000", "exploded")))
                        .set("timestamp", pick(HOSTILE_TIMESTAMPS));
                return "hostile status";
            }
            case 9 -> {
                ObjectNode value = (ObjectNode) envelope.at("/entry/0/changes/0/value");
                value.set("contacts", pick(List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.objectNode())));
                return "contacts of the wrong type";
            }
            case 10 -> {
                ObjectNode value = (ObjectNode) envelope.at("/entry/0/changes/0/value");
                value.putArray("errors").addObject().put("code", "not a number").put("title", pick(HOSTILE_TEXTS));
                return "hostile error";
            }
            case 11 -> {
                ObjectNode metadata = (ObjectNode) envelope.at("/entry/0/changes/0/value/metadata");
                metadata.put("display_phone_number", pick(List.of("", "\u0000", "x".repeat(1000))));
                return "hostile metadata";
            }
            case 12 -> {
                messages.insert(0, deep(random.nextInt(900) + 50));
                return "deeply nested neighbour";
            }
            default -> {
                messages.add(hostile.deepCopy());
                messages.add(hostile);
                return "the same message twice";
            }
        }
        messages.add(hostile);
        return "hostile neighbour";
    }

    private Body notJson() {
        byte[] valid = bytes(envelope());
        byte[] bytes =
                switch (random.nextInt(6)) {
                    case 0 -> Arrays.copyOf(valid, random.nextInt(valid.length));
                    case 1 -> {
                        byte[] noise = new byte[random.nextInt(2000)];
                        random.nextBytes(noise);
                        yield noise;
                    }
                    case 2 -> new byte[0];
                    case 3 -> "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
                    case 4 -> {
                        byte[] copy = valid.clone();
                        copy[copy.length / 2] = (byte) 0xC3; // a broken UTF-8 sequence inside a string
                        copy[copy.length / 2 + 1] = (byte) 0x28;
                        yield copy;
                    }
                    default -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
                };
        return new Body(bytes, null, "not a webhook");
    }

    private static JsonNode deep(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
