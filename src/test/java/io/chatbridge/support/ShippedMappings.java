package io.chatbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** The shipped {@code mappings/} copied with environment placeholders filled in, as the environment would. */
public final class ShippedMappings {

    /** The booking's shipped notes pattern: the rest of the line after "notes:". */
    public static final String SHIPPED_NOTES = "'(?i:notes?|nota|obs|observa\\p{L}*)\\s*[:\\-]\\s*([^\\n]+)'";

    /**
     * The same, with the rest of the line as repeated words, as an admin might write it: java.util.regex
     * recurses once per repetition of the group, so a long enough message overflows the stack.
     */
    public static final String REPEATED_WORDS_NOTES =
            "'(?i:notes?|nota|obs|observa\\p{L}*)\\s*[:\\-]\\s*((?:\\p{L}+\\s?)+)'";

    private ShippedMappings() {}

    /** The shipped mappings with the booking's notes taken by {@link #REPEATED_WORDS_NOTES}. */
    public static Path withRepeatedWordsNotes(Path target) {
        Path copy = copy(target, Map.of(SHIPPED_NOTES, REPEATED_WORDS_NOTES));
        try {
            if (!Files.readString(copy.resolve("booking.yaml")).contains(REPEATED_WORDS_NOTES)) {
                throw new IllegalStateException("the booking's notes pattern has changed: update " + SHIPPED_NOTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** "Notes: " and 20,000 words, some 140 kB: well under the webhook's body limit. */
    public static String longNotes() {
        return "Notes: " + "please ".repeat(20_000).strip();
    }

    /** @param values placeholder text (e.g. {@code ${BOOKINGS_WORKBOOK:}}) to its value */
    public static Path copy(Path target, Map<String, String> values) {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                for (Map.Entry<String, String> value : values.entrySet()) {
                    text = text.replace(value.getKey(), value.getValue());
                }
                Files.writeString(target.resolve(file.getFileName()), text);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
