package io.chatbridge.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Writes inbound payloads to the {@code inbox} table, exactly as received.
 *
 * <p>One statement stores the row and its ids and commits synchronously (auto-commit), so the
 * webhook can acknowledge the moment it returns: a single round trip keeps the durable ack cheap.
 * A payload already stored (same channel and body hash) changes nothing.
 */
@Repository
public class InboxStore {

    private static final String STORE =
            """
            with stored as (
                insert into inbox (channel, dedupe_key, content_type, raw)
                values (?, ?, ?, ?)
                on conflict (channel, dedupe_key) do nothing
                returning id)
            , items as (
                insert into inbox_item (channel, external_id, kind, inbox_id)
                select ?, i.external_id, i.kind, stored.id
                from stored, unnest(?::text[], ?::text[]) as i(external_id, kind)
                on conflict (channel, external_id) do nothing)
            select id from stored
            """;

    private static final String STORE_NORMALISED =
            """
            insert into inbox (channel, dedupe_key, content_type, raw, state, processed_at)
            values (?, ?, ?, ?, 'normalised', now())
            on conflict (channel, dedupe_key) do nothing
            returning id""";

    private final DataSource dataSource;

    InboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a payload keyed by the SHA-256 of its bytes, so the same bytes arriving again (a webhook
     * retry, a re-imported chunk) are recognised here, whoever sends them.
     *
     * @return the new inbox id, or -1 when the same payload was stored before
     */
    public long store(String channel, String contentType, byte[] raw, List<InboxItem> items) throws SQLException {
        String dedupeKey = sha256(raw);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(STORE)) {
            statement.setString(1, channel);
            statement.setString(2, dedupeKey);
            statement.setString(3, contentType);
            statement.setBytes(4, raw);
            statement.setString(5, channel);
            statement.setArray(
                    6,
                    textArray(
                            connection,
                            items.stream().map(InboxItem::externalId).toArray()));
            statement.setArray(
                    7, textArray(connection, items.stream().map(InboxItem::kind).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Stores a payload its caller normalises in the same transaction (an imported chunk, whose messages the
     * importer holds): the row is born {@code normalised}, so no normaliser claims it, and it commits with
     * the messages or not at all. Deduplicated by its bytes like {@link #store}; no {@code inbox_item} rows.
     *
     * @return the new inbox id, or -1 when the same payload was stored before
     */
    public long storeNormalised(String channel, String contentType, byte[] raw) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(STORE_NORMALISED)) {
            statement.setString(1, channel);
            statement.setString(2, sha256(raw));
            statement.setString(3, contentType);
            statement.setBytes(4, raw);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Array textArray(Connection connection, Object[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
