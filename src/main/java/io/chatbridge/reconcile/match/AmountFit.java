package io.chatbridge.reconcile.match;

import java.math.BigDecimal;

/** How a received amount compares with what is due. */
enum AmountFit {
    EQUAL,
    ROUNDING,
    PART,
    SHORT,
    OVER;

    static AmountFit of(BigDecimal received, BigDecimal due, MatchSettings settings) {
        BigDecimal difference = received.subtract(due);
        if (difference.signum() == 0) {
            return EQUAL;
        }
        if (difference.abs().compareTo(settings.roundingTolerance()) <= 0) {
            return ROUNDING;
        }
        if (difference.signum() > 0) {
            return OVER;
        }
        BigDecimal feeLimit = due.multiply(settings.feeTolerancePercent()).movePointLeft(2);
        return difference.abs().compareTo(feeLimit) <= 0 ? SHORT : PART;
    }

    boolean paysInFull() {
        return this == EQUAL || this == ROUNDING;
    }
}
