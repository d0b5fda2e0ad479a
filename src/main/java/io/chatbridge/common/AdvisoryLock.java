package io.chatbridge.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A PostgreSQL advisory lock per (class, key): spans every instance on the database and is released
 * if the holder dies. Connectors use it so the writer and the change detector of one sheet or workbook
 * never interleave.
 */
public final class AdvisoryLock {

    /** PostgreSQL's SQLSTATE when {@code lock_timeout} expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private AdvisoryLock() {}

    /** Runs {@code work} holding the lock; empty (without running it) when someone else holds it. */
    public static <T> Optional<T> withLock(DataSource dataSource, int lockClass, String key, Callable<T> work)
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "select pg_try_advisory_lock(?, hashtext(?))", lockClass, key)) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.call());
            } finally {
                lock(connection, "select pg_advisory_unlock(?, hashtext(?))", lockClass, key);
            }
        }
    }

    /**
     * Runs {@code work} holding the lock, queueing for it up to {@code timeout}: PostgreSQL grants a
     * queued request before a later try, so a detector that takes the lock again and again with
     * {@link #withLock} cannot starve a writer that uses this. Empty when the lock did not come in time.
     */
    public static <T> Optional<T> withLockWaiting(
            DataSource dataSource, int lockClass, String key, Duration timeout, Callable<T> work) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set lock_timeout = " + Math.max(1, timeout.toMillis()));
            }
            try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
                statement.setInt(1, lockClass);
                statement.setString(2, key);
                statement.execute();
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                return Optional.empty();
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset lock_timeout");
                }
            }
            try {
                return Optional.ofNullable(work.call());
            } finally {
                lock(connection, "select pg_advisory_unlock(?, hashtext(?))", lockClass, key);
            }
        }
    }

    private static boolean lock(Connection connection, String sql, int lockClass, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, lockClass);
            statement.setString(2, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
