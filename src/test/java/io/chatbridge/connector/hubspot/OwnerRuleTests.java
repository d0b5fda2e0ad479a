package io.chatbridge.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OwnerRuleTests {

    static final LocalDate DAY = LocalDate.parse("2026-12-22");
    static final OwnerRule RULE = new OwnerRule(
            List.of("101", "102", "103"),
            Map.of("wedding", "201", "dj package", "202"),
            Map.of("15550783881", "301"),
            Map.of(
                    "102",
                    List.of(new OwnerRule.DateRange(LocalDate.parse("2026-12-20"), LocalDate.parse("2027-01-02")))));

    final AtomicLong turns = new AtomicLong();

    @Test
    void aKeywordTheCustomerUsedPicksItsOwnerWithoutTakingARoundRobinTurn() {
        assertThat(RULE.pick("we need a wedding cake for 80", "15550783881", DAY, turns::getAndIncrement))
                .contains(new OwnerRule.Pick("201", "keyword:wedding"));
        assertThat(RULE.pick("the dj package please", null, DAY, turns::getAndIncrement))
                .contains(new OwnerRule.Pick("202", "keyword:dj package"));
        assertThat(turns).hasValue(0);
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        assertThat(RULE.pick("weddings are not a word we know", "other", DAY, turns::getAndIncrement))
                .get()
                .extracting(OwnerRule.Pick::reason)
                .isEqualTo("round-robin");
    }

    @Test
    void theBusinessNumberPicksItsOwnerWhenNoKeywordMatches() {
        assertThat(RULE.pick("a table for 4", "15550783881", DAY, turns::getAndIncrement))
                .contains(new OwnerRule.Pick("301", "number"));
    }

    @Test
    void roundRobinTakesTurnsAndSkipsAnOwnerWhoIsAway() {
        List<String> picked = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> RULE.pick("a table", null, DAY, turns::getAndIncrement)
                        .orElseThrow()
                        .owner())
                .toList();
        assertThat(picked).containsExactly("101", "103", "101", "103");
        List<String> afterHolidays = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> RULE.pick("a table", null, LocalDate.parse("2027-01-03"), turns::getAndIncrement)
                        .orElseThrow()
                        .owner())
                .toList();
        assertThat(afterHolidays).containsExactlyInAnyOrder("101", "102", "103");
    }

    @Test
    void aKeywordOwnerWhoIsAwayFallsThroughToTheNextStep() {
        OwnerRule rule = new OwnerRule(
                List.of("101"),
                Map.of("wedding", "201"),
                Map.of(),
                Map.of("201", List.of(new OwnerRule.DateRange(DAY, DAY))));
        assertThat(rule.pick("wedding", null, DAY, turns::getAndIncrement))
                .contains(new OwnerRule.Pick("101", "round-robin"));
    }

    @Test
    void nobodyIsPickedWhenEveryoneIsAway() {
        OwnerRule rule = new OwnerRule(
                List.of("101"), Map.of(), Map.of(), Map.of("101", List.of(new OwnerRule.DateRange(DAY, DAY))));
        assertThat(rule.pick("a table", null, DAY, turns::getAndIncrement)).isEmpty();
    }
}
