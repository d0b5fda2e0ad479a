package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SameMessageTests {

    /** An export writes direction marks and no-break spaces that the webhook's copy does not hold. */
    @Test
    void marksAndRunsOfWhiteSpaceDoNotTellTwoCopiesApart() {
        assertThat(new SameMessage("in", false, "\u200Eour usual\u00A0\u00A0table\r\nplease \u202F"))
                .isEqualTo(new SameMessage("in", false, "our usual table please"));
        assertThat(new SameMessage("in", true, null)).isEqualTo(new SameMessage("in", true, ""));
        assertThat(new SameMessage("in", false, "ok")).isNotEqualTo(new SameMessage("out", false, "ok"));
        assertThat(new SameMessage("in", false, "ok")).isNotEqualTo(new SameMessage("in", true, "ok"));
        assertThat(new SameMessage("in", false, "OK")).isNotEqualTo(new SameMessage("in", false, "ok"));
    }

    @Test
    void aTwinIsLookedForFromTheMinuteBeforeToTheEndOfTheMinuteAfter() {
        long minute =
                SameMessage.minute(Instant.parse("2024-03-14T18:04:59.900Z").toEpochMilli());

        assertThat(SameMessage.since(minute).toInstant()).isEqualTo(Instant.parse("2024-03-14T18:03:00Z"));
        assertThat(SameMessage.until(minute).toInstant()).isEqualTo(Instant.parse("2024-03-14T18:06:00Z"));
        assertThat(SameMessage.minute(Instant.parse("1969-12-31T23:59:30Z").toEpochMilli()))
                .isEqualTo(-1);
    }
}
