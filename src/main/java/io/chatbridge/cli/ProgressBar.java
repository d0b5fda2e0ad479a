package io.chatbridge.cli;

import io.chatbridge.importer.ImportProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows an import's progress on stderr: a bar redrawn in place on a terminal, a plain line every few
 * seconds otherwise (a log file or a CI job should not fill with carriage returns).
 */
public final class ProgressBar implements AutoCloseable {

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

    /**
     * One line: while the file is read, the lines read and the messages parsed; once it is stored, the
     * messages extracted out of those stored new (often the longer half of a large import). The rate and
     * the ETA are of the current phase.
     */
    public static String line(ImportProgress p) {
        boolean extracting = p.phase() == ImportProgress.Phase.EXTRACTING
                || (p.phase() == ImportProgress.Phase.DONE && p.messagesToExtract() > 0);
        long done;
        long total;
        double seconds;
        String what;
        long share; // of whole: the bar and the percentage
        long whole;
        if (extracting) {
            done = p.phase() == ImportProgress.Phase.DONE ? p.messagesToExtract() : p.messagesExtracted();
            total = p.messagesToExtract();
            seconds = p.extractingSeconds();
            what = "messages extracted";
            share = total == 0 ? 1 : done;
            whole = Math.max(1, total);
        } else {
            done = p.messagesParsed();
            total = p.totalMessages();
            seconds = p.elapsedSeconds();
            what = "messages";
            whole = Math.max(1, p.totalLines());
            share = Math.min(p.linesRead(), whole);
        }
        double rate = seconds > 0 ? done / seconds : 0;
        boolean running = p.phase() == ImportProgress.Phase.IMPORTING || p.phase() == ImportProgress.Phase.EXTRACTING;
        String eta = running && rate > 0 ? " ETA " + clock(Math.max(0, total - done) / rate) : "";
        int filled = (int) (WIDTH * share / whole);
        // the console shows the same share (percent(p)); keep the two in step
        return String.format(
                Locale.ROOT,
                "[%s] %3d%%  %,d/%,d %s  %,d records  %,.0f msg/s%s  (%s)",
                "#".repeat(filled) + "-".repeat(WIDTH - filled),
                100 * share / whole,
                done,
                total,
                what,
                p.recordsCreated(),
                rate,
                eta,
                p.phase().name().toLowerCase(Locale.ROOT));
    }

    /** The percentage {@link #line} shows: of the lines read while storing, of the messages extracted after. */
    public static int percent(ImportProgress p) {
        boolean extracting = p.phase() == ImportProgress.Phase.EXTRACTING
                || (p.phase() == ImportProgress.Phase.DONE && p.messagesToExtract() > 0);
        if (extracting) {
            long total = p.messagesToExtract();
            long done = p.phase() == ImportProgress.Phase.DONE ? total : p.messagesExtracted();
            return total == 0 ? 100 : (int) (100 * done / total);
        }
        long whole = Math.max(1, p.totalLines());
        return (int) (100 * Math.min(p.linesRead(), whole) / whole);
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
