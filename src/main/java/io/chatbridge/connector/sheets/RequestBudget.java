package io.chatbridge.connector.sheets;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A token bucket in PostgreSQL, so every worker of every instance draws from one budget. Taking a
 * token is one {@code UPDATE}: refill by elapsed time, take one if there is one. The bucket holds at
 * most a sixth of a minute's budget, so no sliding minute ever sees more than {@code 7/6} of the rate:
 * 50 per minute never exceeds Google's 60. Public because the Xero connector draws its calls from
 * the same kind of bucket (one row per tenant).
 */
public final class RequestBudget implements PacedSheetsClient.Budget {

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

    public RequestBudget(JdbcClient jdbc, String name, int perMinute) {
        this.jdbc = jdbc;
        this.name = name;
        this.perSecond = perMinute / 60.0;
        this.capacity = Math.max(1.0, Math.floor(perMinute / 6.0));
        jdbc.sql(
                        "insert into rate_bucket (name, tokens, updated_at) values (?, ?, clock_timestamp()) on conflict do nothing")
                .params(name, capacity)
                .update();
    }

    /** Waits until a request may go out. */
    @Override
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
