package io.chatbridge.reconcile.match;

/** What a proposal means for finance. */
public enum MatchKind {
    /** Scored above the automatic threshold: stored as matched and paid at once. */
    AUTOMATIC,
    /** Plausible but not sure enough: waits for a person in the finance queue. */
    REVIEW,
    /** The invoice is clearly the one, but the money is not what it should be (fees, short payment). */
    AMOUNT_DIFFERS
}
