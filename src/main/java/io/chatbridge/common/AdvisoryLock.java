package io.chatbridge.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A PostgreSQL advisory lock per (class, key): spans every instance on the database and is released
 * if the holder dies. Connectors use it so the writer and the change detector of one sheet or workbook
 * never interleave.
 */
public final class AdvisoryLock {

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
