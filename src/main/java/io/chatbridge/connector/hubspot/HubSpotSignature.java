package io.chatbridge.connector.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's webhook signatures. Version 3 ({@code X-HubSpot-Signature-v3}) is what the endpoint
 * accepts: Base64 of HMAC-SHA256, keyed with the app's client secret, over method + URI + raw body +
 * timestamp, where the URI has only HubSpot's listed characters decoded and the timestamp is at most
 * five minutes old (so a captured request cannot be replayed later). Versions 1 and 2 (SHA-256 of
 * secret + body, or + method + URI + body; no timestamp) are computed for checks against HubSpot's
 * published examples only.
 */
public final class HubSpotSignature {

    /** The only escapes HubSpot decodes before signing (FORMATS.md §4). */
    private static final Map<String, String> DECODED = Map.ofEntries(
            Map.entry("%3A", ":"),
            Map.entry("%2F", "/"),
            Map.entry("%3F", "?"),
            Map.entry("%40", "@"),
            Map.entry("%21", "!"),
            Map.entry("%24", "$"),
            Map.entry("%27", "'"),
            Map.entry("%28", "("),
            Map.entry("%29", ")"),
            Map.entry("%2A", "*"),
            Map.entry("%2C", ","),
            Map.entry("%3B", ";"));

    private final byte[] secret;

    public HubSpotSignature(String clientSecret) {
        if (clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("The HubSpot client secret is empty");
        }
        this.secret = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * True only when the signature is present and matches, and the timestamp is no older than
     * {@code maxAge} (nor further than that in the future).
     */
    public boolean verifyV3(
            String method, String uri, byte[] body, String timestamp, String signature, Instant now, Duration maxAge) {
        if (signature == null || timestamp == null) {
            return false;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.toEpochMilli() - millis) > maxAge.toMillis()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(claimed, hmacV3(method, uri, body, timestamp.trim()));
    }

    /** The v3 header value for a request; for tests and for signing fake deliveries. */
    public String signV3(String method, String uri, byte[] body, String timestamp) {
        return Base64.getEncoder().encodeToString(hmacV3(method, uri, body, timestamp));
    }

    /** Version 1: lower-case hex SHA-256 of client secret + body. */
    public String v1(byte[] body) {
        return sha256Hex(concat(secret, body));
    }

    /** Version 2: lower-case hex SHA-256 of client secret + method + URI + body. */
    public String v2(String method, String uri, byte[] body) {
        return sha256Hex(concat(concat(secret, (method + uri).getBytes(StandardCharsets.UTF_8)), body));
    }

    /** Decodes only the escapes HubSpot decodes; every other escape stays as it came. */
    static String decodeUri(String uri) {
        StringBuilder out = new StringBuilder(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '%' && i + 3 <= uri.length()) {
                String decoded = DECODED.get(uri.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT));
                if (decoded != null) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(uri.charAt(i));
        }
        return out.toString();
    }

    private byte[] hmacV3(String method, String uri, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((method + decodeUri(uri)).getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
