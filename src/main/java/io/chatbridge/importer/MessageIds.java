package io.chatbridge.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Gives each exported message an id that is the same in every export of the chat: a hash of its
 * conversation, local time, side (business or customer), content and ordinal. The ordinal counts identical
 * messages with the same timestamp ("ok", "ok" in one minute stay two messages), and is itself stable
 * because an export lists a minute's messages in the same order every time.
 *
 * <p>The side, not the author's name: an export shows authors as the phone names them on the day, so a
 * customer saved as a contact between two exports is "+44 7700 900123" in the first and "Ana" in the
 * second, and names in the ids made every message the two share new again. The conversation already says
 * which customer it is. Conversations imported before V100 are hashed by the author's name as they were
 * ({@code byAuthor}), so importing their exports again still adds nothing.
 *
 * <p>Times in an export can go back: the hour repeated when the clocks go back, or a message sent offline
 * and listed after later ones. The counts of the last {@link #KEPT} are kept, so a minute that comes round
 * again continues its count instead of restarting it (two messages with one id: the second was never stored).
 */
final class MessageIds {

    /** Longer than any change of the clocks (one hour; 30 minutes on Lord Howe Island). */
    static final Duration KEPT = Duration.ofHours(3);

    /** Stands for the side in place of a name; no author shown in an export starts with U+0001. */
    private static final String BUSINESS = "\u0001business";

    private static final String CUSTOMER = "\u0001customer";

    private final MessageDigest sha256;
    private final Predicate<String> byAuthor;
    private final Map<String, Boolean> byAuthorCache = new HashMap<>();
    private final TreeMap<LocalDateTime, Map<String, Integer>> seen = new TreeMap<>();
    private LocalDateTime latest;
    private LocalDateTime minute;
    private Map<String, Integer> seenThisMinute;

    /** Ids by side for every conversation (a dry run, a test). */
    MessageIds() {
        this(conversation -> false);
    }

    /** @param byAuthor whether a conversation was imported before V100, so its ids hash authors' names */
    MessageIds(Predicate<String> byAuthor) {
        this.byAuthor = byAuthor;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param fromBusiness whether the business wrote the message (its side) */
    String next(String conversationId, ExportMessage message, boolean fromBusiness) {
        if (!message.time().equals(minute)) {
            minute = message.time();
            seenThisMinute = countsOf(minute);
        }
        String content = conversationId
                + '\u0000'
                + message.time()
                + '\u0000'
                + (byAuthorCache.computeIfAbsent(conversationId, byAuthor::test)
                        ? message.author()
                        : fromBusiness ? BUSINESS : CUSTOMER)
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

    /** The counts of one timestamp; forgets those more than {@link #KEPT} before the latest one. */
    private Map<String, Integer> countsOf(LocalDateTime time) {
        if (latest == null || time.isAfter(latest)) {
            latest = time;
            seen.headMap(latest.minus(KEPT)).clear();
        }
        return seen.computeIfAbsent(time, t -> new HashMap<>());
    }
}
