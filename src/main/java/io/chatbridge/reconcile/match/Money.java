package io.chatbridge.reconcile.match;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amount buckets: an amount in a currency, in minor units, so equal money meets in one hash bucket. */
record Money(String currency, long cents) {

    static Money of(String currency, BigDecimal amount) {
        return new Money(
                currency == null ? "" : currency,
                amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValue());
    }
}
