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

        String a = first.next(CONVERSATION, text("2024-03-12T10:00", "ok"));
        String b = first.next(CONVERSATION, text("2024-03-12T10:00", "ok"));

        assertThat(a).isNotEqualTo(b);
        assertThat(again.next(CONVERSATION, text("2024-03-12T10:00", "ok"))).isEqualTo(a);
        assertThat(again.next(CONVERSATION, text("2024-03-12T10:00", "ok"))).isEqualTo(b);
    }

    /** The night the clocks go back, 01:00 to 01:59 comes twice; the second "ok" at 01:30 was lost. */
    @Test
    void aMinuteThatComesRoundAgainContinuesItsCount() {
        MessageIds ids = new MessageIds();

        String first = ids.next(CONVERSATION, text("2024-10-27T01:30", "ok"));
        ids.next(CONVERSATION, text("2024-10-27T01:45", "see you"));
        String second = ids.next(CONVERSATION, text("2024-10-27T01:30", "ok"));

        assertThat(second).isNotEqualTo(first);
    }

    private static ExportMessage text(String time, String text) {
        return new ExportMessage(1, LocalDateTime.parse(time), "Sam", text, "text", null, false, false);
    }
}
