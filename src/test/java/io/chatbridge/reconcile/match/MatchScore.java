package io.chatbridge.reconcile.match;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Precision and recall of automatic matches against the generator's truth. */
record MatchScore(int automatic, int correct, int payingEntries, int review, int amountDiffers) {

    static MatchScore of(ReconcileGenerator data, List<Proposal> proposals) {
        int automatic = 0;
        int correct = 0;
        int review = 0;
        int differs = 0;
        for (Proposal p : proposals) {
            switch (p.kind()) {
                case AUTOMATIC -> {
                    automatic++;
                    Set<String> keys =
                            p.allocations().stream().map(a -> a.invoice().key()).collect(Collectors.toSet());
                    if (keys.equals(data.truth.get(p.line().id()))) {
                        correct++;
                    }
                }
                case REVIEW -> review++;
                case AMOUNT_DIFFERS -> differs++;
            }
        }
        int paying =
                (int) data.truth.values().stream().filter(s -> !s.isEmpty()).count();
        return new MatchScore(automatic, correct, paying, review, differs);
    }

    double precision() {
        return automatic == 0 ? 1 : (double) correct / automatic;
    }

    double recall() {
        return payingEntries == 0 ? 1 : (double) correct / payingEntries;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "precision %.4f, recall %.4f (automatic %d, correct %d, paying entries %d, review %d, amount differs %d)",
                precision(),
                recall(),
                automatic,
                correct,
                payingEntries,
                review,
                amountDiffers);
    }
}
