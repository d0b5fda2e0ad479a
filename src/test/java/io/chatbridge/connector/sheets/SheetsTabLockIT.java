package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tab lock between the writer and the change detector, on a real PostgreSQL. A poller that takes
 * the lock again the moment it lets go (a short poll interval, a slow read) must not starve deliveries.
 */
class SheetsTabLockIT {

    static SheetsTestDatabase db;
    static HikariDataSource pool;
    static SheetsSyncStore store;

    @BeforeAll
    static void start() {
        db = new SheetsTestDatabase();
        // pooled, as in the application: a poller gets its connection back at once and re-locks within
        // a millisecond, which is what starved a writer that only tried the lock
        pool = new HikariDataSource();
        pool.setJdbcUrl(db.postgres.getJdbcUrl("postgres", "postgres"));
        pool.setMaximumPoolSize(4);
        store = new SheetsSyncStore(JdbcClient.create(pool), pool, db.json);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        db.close();
    }

    @Test
    void aWriterGetsTheTabAlthoughAPollerTakesItAgainAndAgain() throws Exception {
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    store.withLock("booking/sheet/Bookings", () -> {
                        polls.incrementAndGet();
                        Thread.sleep(200); // a read that waits for its token
                        return 1;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        poller.start();
        try {
            while (polls.get() < 2) {
                Thread.sleep(10);
            }
            long started = System.nanoTime();
            Optional<String> written =
                    store.withLockWaiting("booking/sheet/Bookings", Duration.ofSeconds(5), () -> "written");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(written).contains("written");
            assertThat(waited).isLessThan(Duration.ofSeconds(2));
        } finally {
            polling.set(false);
            poller.join();
        }
    }

    @Test
    void aWriterThatCannotGetTheTabInTimeGivesUpAndTheConnectionIsClean() throws Exception {
        AtomicBoolean held = new AtomicBoolean();
        AtomicBoolean release = new AtomicBoolean();
        Thread holder = new Thread(() -> {
            try {
                store.withLock("order/sheet/Orders", () -> {
                    held.set(true);
                    while (!release.get()) {
                        Thread.sleep(10);
                    }
                    return 1;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        while (!held.get()) {
            Thread.sleep(10);
        }
        try {
            assertThat(store.withLockWaiting("order/sheet/Orders", Duration.ofMillis(300), () -> "written"))
                    .isEmpty();
        } finally {
            release.set(true);
            holder.join();
        }
        assertThat(store.withLockWaiting("order/sheet/Orders", Duration.ofSeconds(1), () -> "written"))
                .contains("written");
        assertThat(db.jdbc.sql("show lock_timeout").query(String.class).single())
                .isEqualTo("0");
    }
}
