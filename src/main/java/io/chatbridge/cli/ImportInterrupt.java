package io.chatbridge.cli;

import io.chatbridge.importer.ImportProgress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What Ctrl-C (or SIGTERM) does to a command-line import: it asks the import to stop at its next message
 * and waits while the command lets the chunks being stored commit, closes the database and says what was
 * stored. Spring's own shutdown hook is off for the import's context: it closed the database under the
 * running import, which then failed with "Failed to obtain JDBC Connection" and stack traces, and the
 * embedded PostgreSQL's stop was interrupted. Should the command not finish in time, the hook closes the
 * context itself, so that no PostgreSQL is left running.
 */
final class ImportInterrupt implements AutoCloseable {

    /** How long the JVM waits for the command to stop cleanly. */
    static final long WAIT_SECONDS = 60;

    private final ImportProgress progress;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
    private final Thread hook;

    private ImportInterrupt(ImportProgress progress) {
        this.progress = progress;
        this.hook = new Thread(this::stop, "import-interrupt");
    }

    static ImportInterrupt install(ImportProgress progress) {
        ImportInterrupt interrupt = new ImportInterrupt(progress);
        Runtime.getRuntime().addShutdownHook(interrupt.hook);
        return interrupt;
    }

    /** The import's context, closed by the hook if the command does not finish in time. */
    void started(ConfigurableApplicationContext started) {
        context.set(started);
    }

    private void stop() {
        progress.requestStop();
        try {
            if (finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ConfigurableApplicationContext open = context.get();
        if (open != null && open.isActive()) {
            open.close();
        }
    }

    /** The command has finished (its context closed, its last line printed): the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, and returns now
        }
    }
}
