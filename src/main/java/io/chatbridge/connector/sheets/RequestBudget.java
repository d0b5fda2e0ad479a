package io.chatbridge.connector.sheets;

import io.chatbridge.common.RateBucket;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Google's per-minute quota as a shared {@link RateBucket}. The bucket holds at most a sixth of a
 * minute's budget, so no sliding minute ever sees more than {@code 7/6} of the rate: 50 per minute
 * never exceeds Google's 60.
 */
final class RequestBudget implements PacedSheetsClient.Budget {

    private final RateBucket bucket;

    RequestBudget(JdbcClient jdbc, String name, int perMinute) {
        this.bucket = new RateBucket(jdbc, name, perMinute / 60.0, Math.floor(perMinute / 6.0));
    }

    /** Waits until a request may go out. */
    @Override
    public void acquire() throws InterruptedException {
        bucket.acquire();
    }

    /** Takes a token and returns zero, or returns how long until one is available. */
    Duration tryAcquire() {
        return bucket.tryAcquire();
    }
}
