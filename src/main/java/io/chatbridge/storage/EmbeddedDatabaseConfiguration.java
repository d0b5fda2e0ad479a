package io.chatbridge.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.chatbridge.common.StartRefused;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.Environment;

/**
 * Starts PostgreSQL 17 inside the process when no {@code spring.datasource.url} is configured, so that
 * chatbridge runs with one command on a machine that has nothing but Java. The cluster lives under
 * {@code <data-dir>/postgres} and survives restarts.
 *
 * <p>It stops when the application context closes, and only then: last, after Camel's routes have
 * stopped (lifecycle beans stop before any bean is destroyed) and after the connection pool that depends
 * on it has closed. Spring's shutdown hook closes the context on SIGTERM, on {@code System.exit} and when
 * start-up fails. The library's own JVM shutdown hook is turned off: it stopped the server in parallel
 * with Spring's, under transactions still running, which failed and filled the log with broken
 * connections and rollback errors at every stop.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * {@code chatbridge.database.embedded-settings.<name>} passes a PostgreSQL setting to the embedded
     * server (e.g. {@code shared_buffers: 512MB} for a large history); the defaults are PostgreSQL's
     * own, sized for a small machine. A setting PostgreSQL does not know stops the start with its error.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${chatbridge.data-dir}") Path dataDir,
            @Value("${chatbridge.database.embedded-port:0}") int port,
            Environment environment)
            throws IOException {
        Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
        refuseExitOnRefresh(pgData);
        Files.createDirectories(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on");
        settings(environment).forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
        return postgres;
    }

    /**
     * {@code -Dspring.context.exit=onRefresh}, which Spring Boot's guide to class-data archives suggests
     * for a training run, halts the JVM once the context is refreshed ({@link Runtime#halt}): no bean is
     * closed and no shutdown hook runs, so the embedded PostgreSQL would be left running, holding its data
     * folder, and the next start would fail on it. Refused before the database starts; the README's
     * "Faster starts" writes the archive as chatbridge stops normally instead.
     */
    private static void refuseExitOnRefresh(Path pgData) {
        if (DefaultLifecycleProcessor.ON_REFRESH_VALUE.equalsIgnoreCase(
                SpringProperties.getProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME))) {
            throw new StartRefused(
                    DefaultLifecycleProcessor.EXIT_PROPERTY_NAME + "=" + DefaultLifecycleProcessor.ON_REFRESH_VALUE
                            + " would halt the JVM without stopping the embedded PostgreSQL, which would keep"
                            + " running on " + pgData + " and stop the next start.",
                    "To write a class-data archive, start chatbridge with -XX:ArchiveClassesAtExit=<file> and"
                            + " without -Dspring.context.exit, and stop it as usual (Ctrl-C or SIGTERM): the archive"
                            + " is written as it stops (README, \"Faster starts\"). With your own database"
                            + " (spring.datasource.url) the option is harmless.");
        }
    }

    /** Settings that would let an acknowledged webhook be lost in a crash; never taken from the config. */
    private static final Set<String> DURABILITY = Set.of("fsync", "synchronous_commit", "full_page_writes");

    private static Map<String, String> settings(Environment environment) {
        Map<String, String> settings = Binder.get(environment)
                .bind("chatbridge.database.embedded-settings", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        for (String name : settings.keySet()) {
            if (DURABILITY.contains(name.toLowerCase(Locale.ROOT))) {
                throw new StartRefused(
                        "chatbridge.database.embedded-settings." + name
                                + " cannot be set: chatbridge acknowledges a webhook only once it is on disk, and "
                                + name + " decides that.",
                        "Remove chatbridge.database.embedded-settings." + name + " and start chatbridge again.");
            }
        }
        return settings;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }

    /** Lets other beans ask where the embedded server listens (tests start a second instance on it). */
    @Bean
    EmbeddedDatabase embeddedDatabase(EmbeddedPostgres postgres, DataSource dataSource) {
        return new EmbeddedDatabase(postgres.getPort(), postgres.getJdbcUrl("postgres", "postgres"));
    }
}
