package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessSideTests {

    @Test
    void theAuthorInMostOneToOneChatsIsTheBusiness() {
        BusinessSide.Decision decision = BusinessSide.decide(
                List.of(
                        Map.of("Bella Pizza", 3, "Sam", 9),
                        Map.of("Bella Pizza", 2, "Ana", 5),
                        Map.of("Bella Pizza", 1, "Tom", 1)),
                null,
                null);

        assertThat(decision.author()).isEqualTo("Bella Pizza");
        assertThat(decision.reason()).contains("3 of 3 one-to-one chats");
    }

    @Test
    void anAuthorWhoIsTheBusinessNumberWins() {
        BusinessSide.Decision decision =
                BusinessSide.decide(List.of(Map.of("+44 20 7946 0000", 1, "Sam", 9)), null, "+442079460000");

        assertThat(decision.author()).isEqualTo("+44 20 7946 0000");
    }

    @Test
    void withOneChatTheMostFrequentAuthorIsReportedAsAGuess() {
        BusinessSide.Decision decision = BusinessSide.decide(List.of(Map.of("Bella Pizza", 3, "Sam", 9)), null, null);

        assertThat(decision.author()).isEqualTo("Sam");
        assertThat(decision.reason()).contains("a guess").contains("--business-author");
    }

    @Test
    void aGivenNameOverridesEverything() {
        BusinessSide.Decision decision =
                BusinessSide.decide(List.of(Map.of("Bella Pizza", 3, "Sam", 9)), "Bella Pizza", "+1 555 0100");

        assertThat(decision.author()).isEqualTo("Bella Pizza");
        assertThat(decision.reason()).isEqualTo("given with --business-author");
    }
}
