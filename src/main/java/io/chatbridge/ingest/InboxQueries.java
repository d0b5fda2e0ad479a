package io.chatbridge.ingest;

import static io.chatbridge.common.Columns.instant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Finds the stored payload that carried a message, for the API. */
@Service
public class InboxQueries {

    private final JdbcClient jdbc;

    InboxQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<InboxEntry> byMessageId(String channel, String messageId) {
        return jdbc.sql(
                        """
                        select i.id, i.channel, i.received_at, i.content_type, i.raw, i.state, i.attempts, i.last_error,
                            i.processed_at
                        from inbox i
                        where i.id = coalesce(
                            (select it.inbox_id from inbox_item it where it.channel = ? and it.external_id = ?),
                            -- an imported chunk lists no items: its messages name the row they came from
                            (select m.inbox_id from message m where m.channel = ? and m.external_id = ?))""")
                .params(channel, messageId, channel, messageId)
                .query((rs, n) -> new InboxEntry(
                        rs.getLong("id"),
                        rs.getString("channel"),
                        rs.getTimestamp("received_at").toInstant(),
                        rs.getString("content_type"),
                        new String(rs.getBytes("raw"), StandardCharsets.UTF_8),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        instant(rs.getTimestamp("processed_at"))))
                .optional();
    }

    public record InboxEntry(
            long inboxId,
            String channel,
            Instant receivedAt,
            String contentType,
            String rawPayload,
            String state,
            int attempts,
            String lastError,
            Instant processedAt) {}
}
