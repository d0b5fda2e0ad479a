package io.chatbridge.reconcile.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The targets for automatic matches, on generated data with known truth (three seeds). */
class MatcherAccuracyTests {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void automaticMatchesReachTheTargetPrecisionAndRecall(long seed) {
        ReconcileGenerator data = new ReconcileGenerator(seed, 2_000, 10_000);

        List<Proposal> proposals = new Matcher(MatchSettings.defaults()).match(data.lines, data.claims, data.invoices);
        MatchScore score = MatchScore.of(data, proposals);

        assertThat(score.precision()).as(score.toString()).isGreaterThanOrEqualTo(0.99);
        assertThat(score.recall()).as(score.toString()).isGreaterThanOrEqualTo(0.90);
    }
}
