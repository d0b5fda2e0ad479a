package io.chatbridge.extract.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an admin's regular expression from a mapping on customer text without letting the text break
 * extraction. java.util.regex recurses once per repetition of a group, so a pattern such as
 * {@code ((?:\p{L}+\s?)+)} throws StackOverflowError on a long enough message (20,000 words are well
 * under the webhook's body limit); the error escaped the extractor and stopped every conversation of the
 * pass. The overflow is a property of that text and pattern: the text counts as not matching and the
 * pattern is named in a warning, once per pattern (then at debug), never with the text itself.
 */
final class RegexOverflow {

    private static final Logger log = LoggerFactory.getLogger(RegexOverflow.class);
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** A regular expression's verdict on some text. */
    interface Match {
        boolean run();
    }

    private RegexOverflow() {}

    /**
     * The verdict of {@code match}, or false when it overflows the stack.
     *
     * @param where where the pattern is in the mappings, e.g. {@code booking.notes}
     */
    static boolean safely(Match match, String where, String regex, int textLength) {
        try {
            return match.run();
        } catch (StackOverflowError e) {
            // the stack has unwound to here: the overflow was the regex's recursion over this text alone
            if (warned.add(where + '\u0000' + regex)) {
                log.warn(
                        "The pattern of {} overflowed the stack on a text of {} characters and was taken as no match "
                                + "there; rewrite its repeated group (e.g. [\\p{L}\\s]+ instead of (?:\\p{L}+\\s?)+): {}",
                        where,
                        textLength,
                        regex);
            } else {
                log.debug("The pattern of {} overflowed again, on {} characters", where, textLength);
            }
            return false;
        }
    }
}
