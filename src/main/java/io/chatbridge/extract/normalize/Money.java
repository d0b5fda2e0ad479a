package io.chatbridge.extract.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money; {@code currency} is an ISO 4217 code, or null when the text did not state one
 * (the caller applies the business's default currency).
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        amount = amount.setScale(2, RoundingMode.HALF_UP);
    }
}
