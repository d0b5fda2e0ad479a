package io.chatbridge.common;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A token bucket in PostgreSQL ({@code rate_bucket}), so every worker of every instance on one database
 * draws from one budget. Taking a token is one {@code UPDATE}: refill by elapsed time, take one if there
 * is one. Any sliding window of {@code t} seconds sees at most {@code capacity + t × rate} requests,
 * which is how callers size it below a provider's published limit.
 */
public final class RateBucket {

    private static final String TAKE =
            """
            update rate_bucket set
                tokens = least(:capacity, tokens + extract(epoch from clock_timestamp() - updated_at) * :rate) - 1,
                updated_at = clock_timestamp()
            where name = :name
              and least(:capacity, tokens + extract(epoch from clock_timestamp() - updated_at) * :rate) >= 1
            returning tokens""";
    private static final String LEVEL =
            """
            select least(:capacity, tokens + extract(epoch from clock_timestamp() - updated_at) * :rate)
            from rate_bucket where name = :name""";

    private final JdbcClient jdbc;
    private final String name;
    private final double perSecond;
    private final double capacity;

    /**
     * @param perSecond the steady rate
     * @param capacity the largest burst (at least one)
     */
    public RateBucket(JdbcClient jdbc, String name, double perSecond, double capacity) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate of bucket " + name + " must be positive");
        }
        this.jdbc = jdbc;
        this.name = name;
        this.perSecond = perSecond;
        this.capacity = Math.max(1.0, capacity);
        jdbc.sql(
                        """
                        insert into rate_bucket (name, tokens, updated_at, capacity, per_second)
                        values (?, ?, clock_timestamp(), ?, ?)
                        on conflict (name) do update set capacity = excluded.capacity, per_second = excluded.per_second""")
                .params(name, this.capacity, this.capacity, perSecond)
                .update();
    }

    /** Waits until a request may go out. */
    public void acquire() throws InterruptedException {
        while (true) {
            Duration wait = tryAcquire();
            if (wait.isZero()) {
                return;
            }
            Thread.sleep(Math.max(5, wait.toMillis()));
        }
    }

    /** Takes a token and returns zero, or returns how long until one is available. */
    public Duration tryAcquire() {
        boolean taken = jdbc.sql(TAKE)
                .param("capacity", capacity)
                .param("rate", perSecond)
                .param("name", name)
                .query(Double.class)
                .optional()
                .isPresent();
        if (taken) {
            return Duration.ZERO;
        }
        double level = jdbc.sql(LEVEL)
                .param("capacity", capacity)
                .param("rate", perSecond)
                .param("name", name)
                .query(Double.class)
                .optional()
                .orElse(0.0);
        return Duration.ofMillis((long) Math.ceil((1 - level) / perSecond * 1000));
    }
}
