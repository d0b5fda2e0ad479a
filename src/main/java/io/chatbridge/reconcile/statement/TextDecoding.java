package io.chatbridge.reconcile.statement;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a bank export's bytes into text. Banks write UTF-8 with or without a BOM, UTF-16 (usually
 * with a BOM, sometimes without) and Windows-1252; a file that is not valid UTF-8 is taken as
 * Windows-1252, which every byte sequence decodes in, so a statement is never refused for its bytes.
 */
final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {}

    static String decode(byte[] bytes, String configured) {
        if (configured != null && !configured.isBlank()) {
            return stripBom(new String(bytes, Charset.forName(configured)));
        }
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        Charset utf16 = utf16WithoutBom(bytes);
        if (utf16 != null) {
            return new String(bytes, utf16);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** ASCII text in UTF-16 has a zero byte in every pair: at odd positions for LE, even for BE. */
    private static Charset utf16WithoutBom(byte[] bytes) {
        int sample = Math.min(bytes.length, 400) & ~1;
        if (sample < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < sample; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        int pairs = sample / 2;
        if (oddZeros > pairs * 0.6 && evenZeros == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros > pairs * 0.6 && oddZeros == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
