package io.chatbridge.connector.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A short fingerprint of the properties last written, so unchanged objects cost no request. */
final class Hashes {

    private Hashes() {}

    static String of(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(properties)
                .forEach((k, v) -> text.append(k).append('\u0000').append(v).append('\u0001'));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
