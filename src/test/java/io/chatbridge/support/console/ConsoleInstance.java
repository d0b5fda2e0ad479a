package io.chatbridge.support.console;

import io.chatbridge.support.TestApplication;
import io.chatbridge.web.console.ConsoleRole;
import io.chatbridge.web.console.ConsoleUsers;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A whole chatbridge instance (embedded PostgreSQL, real port) with one console user per role, for the
 * console's MockMvc and browser tests.
 */
public final class ConsoleInstance implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String AGENT = "agent.ana";
    public static final String FINANCE = "finance.fei";
    /** The password of the agent and finance users. */
    public static final String PASSWORD = "console-test-password";

    public final ConfigurableApplicationContext context;
    public final int port;

    private ConsoleInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = TestApplication.port(context);
    }

    private static ConsoleInstance shared;

    /**
     * One instance for all console test classes of a test JVM (starting one costs far more than the
     * tests): started on first use, closed when the JVM ends. Tests keep apart by using their own customers.
     */
    public static synchronized ConsoleInstance shared() {
        if (shared == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("chatbridge-console");
                shared = start(dir);
                ConsoleInstance started = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
                }));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** An instance with the shipped mappings and extractor. */
    public static ConsoleInstance start(Path dataDir, String... extraProperties) {
        ConsoleInstance instance =
                new ConsoleInstance(TestApplication.startWithShippedMappings(dataDir, extraProperties));
        ConsoleUsers users = instance.context.getBean(ConsoleUsers.class);
        // the agent may edit records: 'agent' as the shared name keeps the tests' users distinct from ad-hoc ones
        users.add(AGENT, PASSWORD, ConsoleRole.AGENT);
        users.add(FINANCE, PASSWORD, ConsoleRole.FINANCE);
        return instance;
    }

    /** MockMvc over the instance's own context, with its security filter chains. */
    public MockMvc mockMvc() {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
