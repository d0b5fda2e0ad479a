package io.chatbridge.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes what a customer (or an attacker) sent storable in PostgreSQL without losing it. PostgreSQL
 * refuses a NUL character in {@code text} and {@code jsonb} ({@code \u0000}), a timestamp beyond its
 * range, and an index entry over ~2.7 KB; a payload that carried one of those used to fail its whole
 * statement — at the webhook edge a 503 that Meta retries forever, in the normaliser an inbox row that
 * never becomes messages — and so lost the good messages beside it. Found by the hostile-input drill
 * (issue 11, drill 6).
 */
public final class Storable {

    /** Meta's ids are about 60 characters; anything past this is not an id we could ever be asked for. */
    public static final int MAX_ID_LENGTH = 256;

    private static final char NUL = '\u0000';
    private static final char REPLACEMENT = '\uFFFD';
    /** 9999-12-31T23:59:59Z: the last second every date type here (and Excel, and Sheets) can show. */
    private static final long LATEST_EPOCH_SECOND = 253_402_300_799L;

    private Storable() {}

    /** The text with each NUL replaced by U+FFFD (visible, so nobody is misled about what was sent). */
    public static String text(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }

    /**
     * An external id that fits a unique index: NULs replaced, and an over-long id replaced by a digest
     * of itself, so the same long id still deduplicates. Edge and normaliser must both use this.
     */
    public static String id(String id) {
        if (id == null) {
            return null;
        }
        String clean = text(id);
        return clean.length() <= MAX_ID_LENGTH ? clean : "sha256:" + Hashes.sha256Hex(clean);
    }

    /** Seconds since 1970 as an instant, or the fallback for a time outside 1970–9999. */
    public static Instant epochSecond(long seconds, Instant fallback) {
        return seconds < 0 || seconds > LATEST_EPOCH_SECOND ? fallback : Instant.ofEpochSecond(seconds);
    }

    /** A JSON tree whose strings (values and names) carry no NUL; the same node when none does. */
    public static JsonNode json(JsonNode node) {
        return node == null || !hasNul(node) ? node : cleaned(node);
    }

    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : properties(node)) {
                if (field.getKey().indexOf(NUL) >= 0 || hasNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode cleaned(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> field : properties(node)) {
                copy.set(text(field.getKey()), cleaned(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(cleaned(element)));
            return copy;
        }
        return node;
    }

    private static List<Map.Entry<String, JsonNode>> properties(JsonNode node) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        return fields;
    }
}
