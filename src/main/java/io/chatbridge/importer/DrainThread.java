package io.chatbridge.importer;

import java.util.function.BooleanSupplier;

/**
 * Drives the pipeline while the import writes, on its own thread: the writers normalise what they store,
 * so while the file is read this thread only normalises chunks a writer had to leave in the inbox;
 * {@link #finish()} then extracts on two threads (conversations are independent and claimed with SKIP
 * LOCKED) and waits until the import's messages are all extracted.
 *
 * <p>Whatever ends a thread early, an Error included, is kept and thrown by {@link #finish()} on the
 * importing thread: an Error that only ended this thread let the import report success without the
 * records of the conversations it was extracting.
 */
final class DrainThread extends Thread {

    private static final long RECORD_COUNT_EVERY_NANOS = 1_000_000_000L;

    private final PipelineDrain drain;
    private final ImportProgress progress;
    private final boolean helper;
    private volatile boolean writingDone;
    private volatile boolean abandoned;
    private volatile Throwable failure;

    private DrainThread(PipelineDrain drain, ImportProgress progress, boolean helper) {
        super(helper ? "import-extract" : "import-drain");
        setDaemon(true);
        this.drain = drain;
        this.progress = progress;
        this.helper = helper;
        this.writingDone = helper;
    }

    static DrainThread start(PipelineDrain drain, ImportProgress progress) {
        DrainThread thread = new DrainThread(drain, progress, false);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        long lastCount = 0;
        try {
            while (!abandoned && !progress.stopRequested()) {
                boolean worked = step();
                // while extracting, after each transaction of its own (a few conversations): records appear
                if (!helper && ((worked && writingDone) || System.nanoTime() - lastCount > RECORD_COUNT_EVERY_NANOS)) {
                    countRecords();
                    lastCount = System.nanoTime();
                }
                if (!worked && writingDone && drain.idle()) {
                    break;
                }
                if (!worked) {
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private boolean step() {
        BooleanSupplier round = helper ? drain::extract : writingDone ? drain::step : drain::normalise;
        return round.getAsBoolean();
    }

    private void countRecords() {
        progress.records(drain.recordsByType().values().stream()
                .mapToLong(Long::longValue)
                .sum());
    }

    void finish() {
        writingDone = true;
        DrainThread helperThread = new DrainThread(drain, progress, true);
        helperThread.start();
        join(this);
        join(helperThread);
        rethrow(failure);
        rethrow(helperThread.failure);
        countRecords();
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Stops the thread after its current round, when the import failed or stopped before {@link #finish()}:
     * it would otherwise poll the inbox for the life of the process. Waits for it.
     */
    void abandon() {
        abandoned = true;
        interrupt();
        try {
            join(10_000); // its transaction ends before the database may close (a stopped import, a server stopping)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
