package io.chatbridge.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": half of the exponential delay is fixed, half random, so
 * workers that failed together do not retry together. A {@code Retry-After} from the other side is a
 * floor, never shortened.
 */
final class Backoff {

    private Backoff() {}

    static Duration after(int attempts, Duration base, Duration max, Duration retryAfter) {
        long cap = max.toMillis();
        long exponential = Math.min(cap, base.toMillis() << Math.min(Math.max(attempts - 1, 0), 30));
        long half = exponential / 2;
        long delay = half + ThreadLocalRandom.current().nextLong(half + 1);
        if (retryAfter != null) {
            delay = Math.max(delay, retryAfter.toMillis());
        }
        return Duration.ofMillis(delay);
    }
}
