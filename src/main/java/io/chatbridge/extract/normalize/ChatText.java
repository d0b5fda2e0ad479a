package io.chatbridge.extract.normalize;

/**
 * A message text prepared once for every finder: cleaned, folded and split into tokens. Extraction runs
 * seven finders over each message; without this each of them cleaned, folded and tokenised the same
 * text again. All views have the length of the raw text, so spans found in any of them are valid in it.
 */
public final class ChatText {

    private final String raw;
    private final String folded;
    private final boolean digit;
    private String clean;
    private Tokens tokens;

    private ChatText(String raw) {
        this.raw = raw == null ? "" : raw;
        this.folded = TextCleaner.fold(this.raw);
        this.digit = TextCleaner.hasDigit(this.raw);
    }

    public static ChatText of(String raw) {
        return new ChatText(raw);
    }

    /** The text as written. */
    public String raw() {
        return raw;
    }

    /** {@link TextCleaner#clean}: odd spaces, invisible marks, hyphens and apostrophes made plain. */
    public String clean() {
        String c = clean;
        if (c == null) {
            c = TextCleaner.clean(raw);
            clean = c;
        }
        return c;
    }

    /** {@link TextCleaner#fold}: cleaned, lower case, without accents. */
    public String folded() {
        return folded;
    }

    /** True when the text has an ASCII digit: dates, amounts, phones and references need one. */
    public boolean hasDigit() {
        return digit;
    }

    Tokens tokens() {
        Tokens t = tokens;
        if (t == null) {
            t = Tokens.of(folded);
            tokens = t;
        }
        return t;
    }
}
