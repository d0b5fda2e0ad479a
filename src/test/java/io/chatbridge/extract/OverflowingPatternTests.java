package io.chatbridge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.support.ShippedMappings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapping pattern that repeats a group ({@code (?:\p{L}+\s?)+}) makes java.util.regex recurse once per
 * repetition: on a message of 20,000 words (well under the webhook's body limit) {@code Matcher.find}
 * threw StackOverflowError out of the extractor. Such a pattern now counts as no match on that message.
 */
class OverflowingPatternTests {

    @TempDir
    Path dir;

    @Test
    void aPatternThatOverflowsOnALongMessageCountsAsNoMatchAndTheRestIsExtracted() {
        RuleBasedExtractor extractor = extractor();
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I want to book a table for Saturday for 4 people")
                .customer("10:01", ShippedMappings.longNotes());

        List<RecordDraft> drafts = extractor.extract(chat.window());

        assertThat(drafts).singleElement().satisfies(booking -> {
            assertThat(booking.type()).isEqualTo("booking");
            assertThat(booking.fields())
                    .containsEntry("event_date", "2026-11-21")
                    .containsEntry("guests", 4)
                    .doesNotContainKey("notes");
        });
    }

    @Test
    void thePatternStillMatchesAShortMessage() {
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I want to book a table for Saturday for 4 people")
                .customer("10:01", "Notes: window seat please");

        List<RecordDraft> drafts = extractor().extract(chat.window());

        assertThat(drafts).singleElement().satisfies(booking -> assertThat(booking.fields())
                .containsEntry("notes", "window seat please"));
    }

    /**
     * A field's {@code pattern:} (the check a final value must pass in full) is an admin's regular
     * expression too: a long value failed it with StackOverflowError. It now fails the check.
     */
    @Test
    void aFieldCheckThatOverflowsOnALongValueDropsTheValue() {
        RuleBasedExtractor extractor = extractor(checkedNotes());
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I want to book a table for Saturday for 4 people")
                .customer("10:01", ShippedMappings.longNotes());

        List<RecordDraft> drafts = extractor.extract(chat.window());

        assertThat(drafts).singleElement().satisfies(booking -> assertThat(booking.fields())
                .containsEntry("guests", 4)
                .doesNotContainKey("notes"));
    }

    @Test
    void theFieldCheckStillPassesAShortValue() {
        RuleBasedExtractor extractor = extractor(checkedNotes());
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I want to book a table for Saturday for 4 people")
                .customer("10:01", "Notes: window seat please");

        List<RecordDraft> drafts = extractor.extract(chat.window());

        assertThat(drafts).singleElement().satisfies(booking -> assertThat(booking.fields())
                .containsEntry("notes", "window seat please"));
    }

    private static final String NOTES = "  notes:\n    type: text\n";
    private static final String CHECKED_NOTES = NOTES + "    pattern: '(?:\\p{L}+\\s?)+'\n";

    /** The shipped mappings with the booking's notes checked by a pattern that repeats a group. */
    private Path checkedNotes() {
        Path mappings = ShippedMappings.copy(dir.resolve("checked"), Map.of(NOTES, CHECKED_NOTES));
        assertThat(mappings.resolve("booking.yaml")).content().contains(CHECKED_NOTES);
        return mappings;
    }

    private RuleBasedExtractor extractor() {
        return extractor(ShippedMappings.withRepeatedWordsNotes(dir.resolve("mappings")));
    }

    private static RuleBasedExtractor extractor(Path mappings) {
        MappingSet set =
                new MappingLoader(name -> null).load(mappings).mappings().orElseThrow();
        return new RuleBasedExtractor(() -> set);
    }
}
