package io.chatbridge.cli;

import io.chatbridge.importer.ImportProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows an import's progress on stderr: a bar redrawn in place on a terminal, a plain line every few
 * seconds otherwise (a log file or a CI job should not fill with carriage returns).
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 24;

    private final ImportProgress progress;
    private final PrintStream err;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressBar(ImportProgress progress, PrintStream err, boolean terminal) {
        this.progress = progress;
        this.err = err;
        this.terminal = terminal;
        this.thread = new Thread(this::loop, "import-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long every = terminal ? 200 : 5000;
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            print(false);
        }
    }

    private synchronized void print(boolean last) {
        String line = line(progress);
        if (terminal) {
            err.print("\r" + line + "\u001B[K" + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    static String line(ImportProgress p) {
        long total = Math.max(1, p.totalLines());
        long read = Math.min(p.linesRead(), total);
        double seconds = Math.max(0.001, p.elapsedSeconds());
        double rate = p.messagesParsed() / seconds;
        int filled = (int) (WIDTH * read / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        long left = Math.max(0, p.totalMessages() - p.messagesParsed());
        String eta = p.phase() == ImportProgress.Phase.IMPORTING && rate > 0 ? " ETA " + clock(left / rate) : "";
        return String.format(
                Locale.ROOT,
                "[%s] %3d%%  %,d/%,d messages  %,d records  %,.0f msg/s%s  (%s)",
                bar,
                100 * read / total,
                p.messagesParsed(),
                p.totalMessages(),
                p.recordsCreated(),
                rate,
                eta,
                p.phase().name().toLowerCase(Locale.ROOT));
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        print(true);
    }
}
