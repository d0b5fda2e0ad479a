package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
    void theBusinessNumberInItsNationalFormIsTheBusinessNotAnotherNumber() {
        BusinessSide.Decision decision =
                BusinessSide.decide(List.of(Map.of("020 7946 0000", 1, "+44 7700 900123", 9)), null, "+442079460000");

        assertThat(decision.author()).isEqualTo("020 7946 0000");
        assertThat(decision.reason()).contains("is the business number");
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

    @Test
    void withTheBusinessNumberGivenAnotherNumberIsNeverTheBusiness() {
        // exported from the business's phone: the business writes as "Bella Pizza", an unsaved customer
        // shows as their number and wrote more
        BusinessSide.Decision decision =
                BusinessSide.decide(List.of(Map.of("+44 7700 900123", 5, "Bella Pizza", 2)), null, "+442079460000");

        assertThat(decision.author()).isEqualTo("Bella Pizza");
        assertThat(decision.reason())
                .contains("wrote the most messages (2 of 7)")
                .contains("a guess");
    }

    @Test
    void withTheBusinessNumberGivenAndOnlyOtherNumbersNoAuthorIsTheBusiness() {
        BusinessSide.Decision decision =
                BusinessSide.decide(List.of(Map.of("+44 7700 900123", 5, "+44 7700 900456", 2)), null, "+442079460000");

        assertThat(decision.author()).isNull();
        assertThat(decision.reason())
                .contains("every author is another phone number")
                .contains("every message is imported as the customer's");
    }

    @Test
    void aTieGoesToTheAuthorShownByNameWhicheverComesFirst() {
        for (boolean numberFirst : new boolean[] {true, false}) {
            Map<String, Integer> authors = new LinkedHashMap<>();
            if (numberFirst) {
                authors.put("+44 7700 900123", 1);
            }
            authors.put("Bella Pizza", 1);
            if (!numberFirst) {
                authors.put("+44 7700 900123", 1);
            }

            assertThat(BusinessSide.decide(List.of(authors), null, null).author())
                    .as("number first: %s", numberFirst)
                    .isEqualTo("Bella Pizza");
        }
    }

    @Test
    void aTieBetweenNamesGivesTheSameAnswerWhicheverComesFirst() {
        Map<String, Integer> oneOrder = new LinkedHashMap<>();
        oneOrder.put("Sam", 2);
        oneOrder.put("Bella Pizza", 2);
        Map<String, Integer> otherOrder = new LinkedHashMap<>();
        otherOrder.put("Bella Pizza", 2);
        otherOrder.put("Sam", 2);

        assertThat(BusinessSide.decide(List.of(oneOrder), null, null).author()).isEqualTo("Bella Pizza");
        assertThat(BusinessSide.decide(List.of(otherOrder), null, null).author())
                .isEqualTo("Bella Pizza");
    }
}
