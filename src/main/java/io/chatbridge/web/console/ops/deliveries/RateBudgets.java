package io.chatbridge.web.console.ops.deliveries;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The shared request budgets ({@code rate_bucket}) as they stand now. A bucket stores its tokens as of
 * its last use; the level now is computed the way {@code RateBucket} refills it, so an idle connector
 * shows a full bucket, not the level of its last call.
 */
@Service
class RateBudgets {

    private final JdbcClient jdbc;

    RateBudgets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Budget> all() {
        return jdbc.sql(
                        """
                        select name, capacity, per_second,
                            case when capacity is null then tokens
                                else least(capacity, tokens + extract(epoch from clock_timestamp() - updated_at)
                                    * coalesce(per_second, 0)) end as level
                        from rate_bucket order by name""")
                .query((rs, n) -> new Budget(
                        rs.getString("name"), rs.getDouble("level"), (Double) rs.getObject("capacity"), (Double)
                                rs.getObject("per_second")))
                .list();
    }

    /**
     * @param tokens requests that may go out at once right now
     * @param capacity the largest burst, null for a bucket no instance has opened since V72
     * @param perSecond the steady refill rate, null likewise
     */
    record Budget(String name, double tokens, Double capacity, Double perSecond) {

        /** Share of the burst in use, 0..100; 0 when the size is unknown. */
        public int percentInUse() {
            if (capacity == null || capacity <= 0) {
                return 0;
            }
            return (int) Math.round(Math.max(0, Math.min(1, 1 - tokens / capacity)) * 100);
        }

        public double perMinute() {
            return perSecond == null ? 0 : perSecond * 60;
        }
    }
}
