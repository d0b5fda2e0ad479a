package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The import's migrations on data an older version left: each from the version before it. */
class ImportMigrationsIT {

    /**
     * V100 marks the conversations that hold imported messages when it runs, so that they keep the ids by
     * author name they were imported with ({@link MessageIds}); every other conversation is hashed by side.
     */
    @Test
    void conversationsHoldingImportedMessagesKeepTheirIdsByAuthor() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            migrate(dataSource, MigrationVersion.fromVersion("99"));
            JdbcClient jdbc = JdbcClient.create(dataSource);
            for (String id : new String[] {"b:imported", "b:webhooks", "b:both", "b:empty"}) {
                jdbc.sql(
                                "insert into conversation (id, channel, phone_number_id, customer_wa_id) values (?, ?, 'b', ?)")
                        .params(id, id.equals("b:imported") ? "export" : "whatsapp", id.substring(2))
                        .update();
            }
            message(jdbc, "b:imported", "export", "exp-1");
            message(jdbc, "b:webhooks", "whatsapp", "wamid.1");
            message(jdbc, "b:both", "whatsapp", "wamid.2");
            message(jdbc, "b:both", "export", "exp-2");

            migrate(dataSource, MigrationVersion.LATEST);

            assertThat(jdbc.sql("select id from conversation where export_ids_by_author order by id")
                            .query(String.class)
                            .list())
                    .containsExactly("b:both", "b:imported");
        }
    }

    /**
     * V101: an import's extraction claims conversations by {@code import_pending}; conversations of an
     * import left unfinished by an older version (pending, channel {@code export}) are still its.
     */
    @Test
    void pendingImportedConversationsAreTheImportsToExtract() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            migrate(dataSource, MigrationVersion.fromVersion("100"));
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql(
                            """
                            insert into conversation (id, channel, phone_number_id, customer_wa_id, pending_extraction)
                            values ('b:1', 'export', 'b', '1', true), ('b:2', 'export', 'b', '2', false),
                                ('b:3', 'whatsapp', 'b', '3', true)""")
                    .update();

            migrate(dataSource, MigrationVersion.LATEST);

            assertThat(jdbc.sql("select id from conversation where import_pending order by id")
                            .query(String.class)
                            .list())
                    .containsExactly("b:1");
        }
    }

    private static void migrate(DataSource dataSource, MigrationVersion target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }

    private static void message(JdbcClient jdbc, String conversation, String channel, String externalId) {
        jdbc.sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, type, text, sent_at, payload)
                        values (?, ?, ?, 'in', 'text', 'hi', now(), '{}')""")
                .params(channel, externalId, conversation)
                .update();
    }
}
