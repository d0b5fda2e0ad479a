package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatContinuationTests {

    /** The minutes around a chat's last messages are read as few spans, never the time between them. */
    @Test
    void spansThatOverlapOrTouchAreJoinedAndTheGapsBetweenThemAreNotRead() {
        List<long[]> spans = List.of(
                new long[] {500, 680}, new long[] {0, 180}, new long[] {120, 300}, new long[] {300, 480}, new long[] {
                    10_000, 10_180
                });

        List<long[]> merged = ChatContinuation.merged(spans);

        assertThat(merged)
                .extracting(span -> span[0] + "-" + span[1])
                .containsExactly("0-480", "500-680", "10000-10180");
        assertThat(spans.get(1)).containsExactly(0, 180); // the caller's spans are left as they were
    }

    @Test
    void noSpansAreNoSpansAndOneIsItself() {
        assertThat(ChatContinuation.merged(List.of())).isEmpty();
        assertThat(ChatContinuation.merged(List.<long[]>of(new long[] {7, 9})))
                .singleElement()
                .satisfies(span -> assertThat(span).containsExactly(7, 9));
    }
}
