package io.chatbridge.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps correctly signed payloads that could not be read, so an admin can look at them later. */
@Repository
class QuarantineStore {

    private final JdbcClient jdbc;

    QuarantineStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long store(String channel, String contentType, byte[] raw, String reason) {
        return jdbc.sql(
                        """
                        insert into quarantine (channel, content_type, raw, reason)
                        values (?, ?, ?, ?) returning id""")
                .params(channel, contentType, raw, reason)
                .query(Long.class)
                .single();
    }
}
