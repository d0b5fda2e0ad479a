package io.chatbridge.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Gives each exported message an id that is the same in every export of the chat: a hash of its
 * conversation, local time, author, content and ordinal. The ordinal counts identical messages within
 * the same timestamp ("ok", "ok" in one minute stay two messages), and is itself stable because an
 * export lists a minute's messages in the same order every time.
 */
final class MessageIds {

    private final MessageDigest sha256;
    private final Map<String, Integer> seenThisMinute = new HashMap<>();
    private LocalDateTime minute;

    MessageIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String next(String conversationId, ExportMessage message) {
        if (!message.time().equals(minute)) {
            minute = message.time();
            seenThisMinute.clear();
        }
        String content = conversationId
                + '\u0000'
                + message.time()
                + '\u0000'
                + message.author()
                + '\u0000'
                + message.type()
                + '\u0000'
                + (message.mediaFile() == null ? "" : message.mediaFile())
                + '\u0000'
                + message.text();
        int ordinal = seenThisMinute.merge(content, 1, Integer::sum) - 1;
        byte[] hash = sha256.digest((content + '\u0000' + ordinal).getBytes(StandardCharsets.UTF_8));
        return "exp-" + HexFormat.of().formatHex(hash, 0, 16);
    }
}
