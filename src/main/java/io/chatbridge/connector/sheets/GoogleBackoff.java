package io.chatbridge.connector.sheets;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Google's truncated exponential backoff for the Sheets API: wait {@code min(2^n + random_ms,
 * maximum_backoff)}, {@code random_ms} up to one second and drawn again for every retry. A
 * {@code Retry-After} from Google is a floor.
 */
final class GoogleBackoff {

    private final Duration unit;
    private final Duration max;
    private final LongSupplier randomMillis;

    GoogleBackoff(Duration unit, Duration max, LongSupplier randomMillis) {
        this.unit = unit;
        this.max = max;
        this.randomMillis = randomMillis;
    }

    static GoogleBackoff of(SheetsProperties properties) {
        long jitterCap = Math.max(1, Math.min(1000, properties.backoffUnit().toMillis()));
        return new GoogleBackoff(
                properties.backoffUnit(),
                properties.maxBackoff(),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextLong(jitterCap + 1));
    }

    /** The wait before retry number {@code n} (0 for the first retry). */
    Duration delay(int n, Duration retryAfter) {
        long exponential = unit.toMillis() << Math.min(Math.max(n, 0), 20);
        long millis = Math.min(exponential + randomMillis.getAsLong(), max.toMillis());
        if (retryAfter != null) {
            millis = Math.max(millis, retryAfter.toMillis());
        }
        return Duration.ofMillis(millis);
    }
}
