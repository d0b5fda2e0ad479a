package io.chatbridge.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Meta's {@code X-Hub-Signature-256} header: {@code sha256=} followed by the lower-case hex
 * HMAC-SHA256 of the raw request body, keyed with the app secret. It works on the bytes exactly as
 * received (Meta signs its own escaped-unicode serialisation, so re-serialised JSON would not verify)
 * and compares in constant time.
 */
public final class SignatureVerifier {

    private static final String PREFIX = "sha256=";
    private static final int DIGEST_HEX_LENGTH = 64;

    private final SecretKeySpec key;

    public SignatureVerifier(String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("The WhatsApp app secret is empty");
        }
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** True only when the header is present, well-formed and matches the body. */
    public boolean verify(byte[] body, String signatureHeader) {
        if (signatureHeader == null) {
            return false;
        }
        String header = signatureHeader.trim();
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || header.length() != PREFIX.length() + DIGEST_HEX_LENGTH) {
            return false;
        }
        byte[] claimed = decodeHex(header, PREFIX.length());
        return claimed != null && MessageDigest.isEqual(claimed, hmac(body));
    }

    /** The header value Meta would send for this body; used by tests and the load generator. */
    public String sign(byte[] body) {
        StringBuilder hex = new StringBuilder(PREFIX);
        for (byte b : hmac(body)) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] decodeHex(String text, int from) {
        byte[] out = new byte[(text.length() - from) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(from + 2 * i), 16);
            int lo = Character.digit(text.charAt(from + 2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
