package io.chatbridge.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.record.RecordSnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An embedded PostgreSQL with the real migrations, for connector tests that need no whole application. */
public class TestDatabase implements AutoCloseable {

    public final EmbeddedPostgres postgres;
    public final DataSource dataSource;
    public final JdbcClient jdbc;
    public final ObjectMapper json = new ObjectMapper();

    public TestDatabase() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    /** Inserts a record row and returns its snapshot (version 1). */
    public RecordSnapshot record(String humanId, String type, String status, Map<String, Object> fields) {
        try {
            long id = jdbc.sql(
                            "insert into record (human_id, type, status, fields, complete) values (?, ?, ?, ?::jsonb, true) "
                                    + "returning id")
                    .params(humanId, type, status, json.writeValueAsString(fields))
                    .query(Long.class)
                    .single();
            return new RecordSnapshot(
                    id, humanId, type, 1, status, true, fields, null, null, Instant.now(), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
