package io.chatbridge.extract.normalize;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds e-mail addresses. The domain is lower-cased (it is case-insensitive); the local part is kept
 * as written, because some mail servers do treat it case-sensitively. A trailing full stop is not part
 * of the address.
 */
public final class EmailFinder {

    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}_%+-]+(?:\\.[\\p{L}\\p{N}_%+-]+)*"
                    + "@((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+\\p{L}{2,24})(?![\\p{L}\\p{N}@-])");

    public List<Match<String>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<String>> findAll(ChatText chat, NormalizeContext ctx) {
        String text = chat.raw();
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        String cleaned = chat.clean();
        Matches<String> found = new Matches<>();
        Matcher m = EMAIL.matcher(cleaned);
        while (m.find()) {
            String local = text.substring(m.start(), m.start(1));
            found.add(local + m.group(1).toLowerCase(Locale.ROOT), m.start(), m.end(), 0.95);
        }
        return found.inOrder();
    }
}
