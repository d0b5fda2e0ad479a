package io.chatbridge.connector.whatsapp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps sends inside WhatsApp's published limits before WhatsApp has to say so: a token bucket per
 * business number (80 messages/s by default) and one per recipient (the pair limit: one message every
 * 6 s, with a small burst, since a confirmation and a follow-up often go out together).
 *
 * <p>Per instance: with several instances each keeps its own buckets, and the 130429/131056 backoff
 * catches what they let through together.
 */
final class SendThrottle {

    private static final int MAX_RECIPIENTS = 100_000;

    private final double numberRate;
    private final double pairRate;
    private final int pairBurst;
    private final Map<String, Bucket> numbers = new ConcurrentHashMap<>();
    private final Map<String, Bucket> recipients = new ConcurrentHashMap<>();

    SendThrottle(int messagesPerSecond, Duration pairInterval, int pairBurst) {
        this.numberRate = Math.max(1, messagesPerSecond);
        this.pairRate = 1_000.0 / Math.max(1, pairInterval.toMillis());
        this.pairBurst = Math.max(1, pairBurst);
    }

    /** Zero when the message may go now (its tokens are taken); otherwise how long to wait. */
    synchronized Duration reserve(String phoneNumberId, String recipient, Instant now) {
        if (recipients.size() > MAX_RECIPIENTS) {
            recipients.clear();
        }
        Bucket number = numbers.computeIfAbsent(phoneNumberId, k -> new Bucket(numberRate, numberRate, now));
        Bucket pair =
                recipients.computeIfAbsent(phoneNumberId + ">" + recipient, k -> new Bucket(pairBurst, pairRate, now));
        Duration wait = max(number.waitFor(now), pair.waitFor(now));
        if (wait.isZero()) {
            number.take();
            pair.take();
        }
        return wait;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static final class Bucket {
        private final double capacity;
        private final double perMilli;
        private double tokens;
        private Instant updated;

        Bucket(double capacity, double perSecond, Instant now) {
            this.capacity = capacity;
            this.perMilli = perSecond / 1_000.0;
            this.tokens = capacity;
            this.updated = now;
        }

        Duration waitFor(Instant now) {
            long elapsed = Math.max(0, Duration.between(updated, now).toMillis());
            tokens = Math.min(capacity, tokens + elapsed * perMilli);
            updated = now.isAfter(updated) ? now : updated;
            return tokens >= 1 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli));
        }

        void take() {
            tokens -= 1;
        }
    }
}
