package io.chatbridge.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short content hashes that sync state keeps instead of the personal data itself (a sheet cell, a
 * workbook cell): the first 8 bytes of SHA-256 as 16 hex characters. Shared, so every connector
 * hashes a cell's text the same way.
 */
public final class Hashes {

    private Hashes() {}

    public static String shortHash(String text) {
        return HexFormat.of().formatHex(sha256(text), 0, 8);
    }

    /** The whole SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex characters. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
