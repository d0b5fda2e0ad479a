package io.chatbridge.reconcile.match;

import java.math.BigDecimal;

/**
 * Knobs of the matcher.
 *
 * @param autoScore proposals scoring at least this are matched without a person
 * @param dateWindowDays how far a bank booking may be from the day the customer says they paid
 * @param roundingTolerance an amount this close to the invoice counts as paid in full (rounding)
 * @param feeTolerancePercent a shortfall up to this share of the invoice is "amount differs" (fees
 *     deducted), not a part payment
 */
public record MatchSettings(
        double autoScore, int dateWindowDays, BigDecimal roundingTolerance, BigDecimal feeTolerancePercent) {

    public static MatchSettings defaults() {
        return new MatchSettings(0.9, 7, new BigDecimal("0.05"), new BigDecimal("5"));
    }
}
