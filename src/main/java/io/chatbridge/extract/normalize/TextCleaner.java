package io.chatbridge.extract.normalize;

/**
 * Makes chat text regex-friendly without moving a single character, so a span found in the cleaned
 * text is valid in the original: every odd space (NBSP, narrow NBSP, thin, figure…) becomes ' ',
 * every invisible or bidi control (LRM, RLM, LRE…PDF, isolates, zero-width, BOM, soft hyphen) becomes
 * ' ' too (a space, not a deletion: deleting would shift offsets), Unicode hyphens and the minus sign
 * become '-', and the curly apostrophe becomes '\''. {@link #fold} additionally lower-cases and strips
 * Latin accents char by char (still same length), which lets the finders use plain ASCII patterns
 * ("mañana" and "manana" read the same). Decomposed accents (letter + U+0301) are left as they are.
 */
public final class TextCleaner {

    private TextCleaner() {}

    public static String clean(String raw) {
        return map(raw, false);
    }

    /** {@link #clean} plus lower case and accent stripping; same length as {@code raw}. */
    public static String fold(String raw) {
        return map(raw, true);
    }

    /** True when {@code text} has an ASCII digit; finders skip their numeric patterns otherwise. */
    static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static String map(String raw, boolean fold) {
        if (raw == null) {
            return "";
        }
        char[] out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            char m = fold ? foldChar(cleanChar(c)) : cleanChar(c);
            if (m != c) {
                if (out == null) {
                    out = raw.toCharArray();
                }
                out[i] = m;
            }
        }
        return out == null ? raw : new String(out);
    }

    static char cleanChar(char c) {
        if (c < 0x00A0) {
            return c;
        }
        if (c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000) {
            return ' ';
        }
        if (c == 0x00AD
                || c == 0x061C
                || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x2069)
                || c == 0xFEFF) {
            return ' ';
        }
        if ((c >= 0x2010 && c <= 0x2013) || c == 0x2212) {
            return '-';
        }
        if (c == 0x2018 || c == 0x2019 || c == 0x00B4) {
            return '\'';
        }
        return c;
    }

    private static char foldChar(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        char lower = Character.toLowerCase(c);
        if (lower < 0x00E0 || lower > 0x00FF) {
            return lower;
        }
        return ACCENTS.charAt(lower - 0x00E0);
    }

    // U+00E0..U+00FF with accents removed; æ, ð, ÷, þ left alone
    private static final String ACCENTS = "aaaaaa\u00e6ceeeeiiii\u00f0nooooo\u00f7ouuuuy\u00fey";
}
