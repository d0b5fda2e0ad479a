package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class MessageIdsTests {

    private static final String CONVERSATION = "442079460000:n0123456789abcdef";

    @Test
    void identicalMessagesInOneMinuteGetTheirOwnIdsAndTheSameIdsInEveryExport() {
        MessageIds first = new MessageIds();
        MessageIds again = new MessageIds();

        String a = first.next(CONVERSATION, text("2024-03-12T10:00", "Sam", "ok"), false);
        String b = first.next(CONVERSATION, text("2024-03-12T10:00", "Sam", "ok"), false);

        assertThat(a).isNotEqualTo(b);
        assertThat(again.next(CONVERSATION, text("2024-03-12T10:00", "Sam", "ok"), false))
                .isEqualTo(a);
        assertThat(again.next(CONVERSATION, text("2024-03-12T10:00", "Sam", "ok"), false))
                .isEqualTo(b);
    }

    /** The night the clocks go back, 01:00 to 01:59 comes twice; the second "ok" at 01:30 was lost. */
    @Test
    void aMinuteThatComesRoundAgainContinuesItsCount() {
        MessageIds ids = new MessageIds();

        String first = ids.next(CONVERSATION, text("2024-10-27T01:30", "Sam", "ok"), false);
        ids.next(CONVERSATION, text("2024-10-27T01:45", "Sam", "see you"), false);
        String second = ids.next(CONVERSATION, text("2024-10-27T01:30", "Sam", "ok"), false);

        assertThat(second).isNotEqualTo(first);
    }

    /** Saved as a contact between two exports: the customer's messages are the same messages. */
    @Test
    void aCustomerShownByNumberAndLaterByNameGivesTheSameIds() {
        String before = new MessageIds().next(CONVERSATION, text("2024-03-12T10:00", "+44 7700 900123", "ok"), false);
        String after = new MessageIds().next(CONVERSATION, text("2024-03-12T10:00", "Ana", "ok"), false);

        assertThat(after).isEqualTo(before);
    }

    @Test
    void theSameTextFromEachSideInOneMinuteIsTwoMessages() {
        MessageIds ids = new MessageIds();

        String customer = ids.next(CONVERSATION, text("2024-03-12T10:00", "Ana", "ok"), false);
        String business = ids.next(CONVERSATION, text("2024-03-12T10:00", "Bella Pizza", "ok"), true);

        assertThat(business).isNotEqualTo(customer);
    }

    /**
     * A conversation imported before V100 keeps the ids it was stored with: these are the ids the version
     * before V100 gave (its {@code MessageIds}, run once), so importing its exports again adds nothing.
     */
    @Test
    void aConversationImportedBeforeV100IsHashedByAuthorAsItWas() {
        String conversation = "442079460000:447700900123";
        MessageIds ids = new MessageIds(c -> c.equals(conversation));

        assertThat(ids.next(conversation, text("2024-03-12T10:00", "+44 7700 900123", "ok"), false))
                .isEqualTo("exp-2a66667a2408a91f4a990d7f6f3bd74b");
        assertThat(ids.next(conversation, text("2024-03-12T10:00", "+44 7700 900123", "ok"), false))
                .isEqualTo("exp-e066a51b2249658c6c333fa5c801ec56");
        assertThat(ids.next(conversation, text("2024-03-12T10:01", "Bella Pizza", "Booked!"), true))
                .isEqualTo("exp-3aae31e3b0ae8f62929550106b0a9369");
        assertThat(ids.next(
                        conversation,
                        new ExportMessage(
                                4,
                                LocalDateTime.parse("2024-03-12T10:02"),
                                "+44 7700 900123",
                                "",
                                "image",
                                "IMG-1.jpg",
                                false,
                                false),
                        false))
                .isEqualTo("exp-374e9546e21db2bfbc1c861616aabdc6");
        assertThat(ids.next("442079460000:447700900999", text("2024-03-12T10:00", "+44 7700 900999", "ok"), false))
                .as("another conversation, imported since: hashed by side")
                .isEqualTo(new MessageIds()
                        .next("442079460000:447700900999", text("2024-03-12T10:00", "Zoe", "ok"), false));
    }

    private static ExportMessage text(String time, String author, String text) {
        return new ExportMessage(1, LocalDateTime.parse(time), author, text, "text", null, false, false);
    }
}
