package io.chatbridge.importer;

/**
 * Drives the pipeline while the import writes, on its own thread, so writing and normalising overlap
 * on a two-core machine; {@link #finish()} then waits until the import's messages are all extracted.
 */
final class DrainThread extends Thread {

    private static final long RECORD_COUNT_EVERY_NANOS = 1_000_000_000L;

    private final PipelineDrain drain;
    private final ImportProgress progress;
    private volatile boolean writingDone;
    private volatile RuntimeException failure;

    private DrainThread(PipelineDrain drain, ImportProgress progress) {
        super("import-drain");
        setDaemon(true);
        this.drain = drain;
        this.progress = progress;
    }

    static DrainThread start(PipelineDrain drain, ImportProgress progress) {
        DrainThread thread = new DrainThread(drain, progress);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        long lastCount = 0;
        try {
            while (true) {
                boolean worked = drain.step();
                if (System.nanoTime() - lastCount > RECORD_COUNT_EVERY_NANOS) {
                    progress.records(drain.recordsByType().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
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
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    void finish() {
        writingDone = true;
        try {
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        progress.records(drain.recordsByType().values().stream()
                .mapToLong(Long::longValue)
                .sum());
    }
}
