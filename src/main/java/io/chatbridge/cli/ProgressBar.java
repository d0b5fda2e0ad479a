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
        Share share = share(p);
        int filled = (int) (WIDTH * share.part() / share.whole());
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + counts(p, share);
    }

    /** {@link #line} without its bar: the percentage, counts, rate, ETA and phase (the console draws its own bar). */
    public static String counts(ImportProgress p) {
        return counts(p, share(p)).strip();
    }

    /** The percentage {@link #line} shows: of the lines read while storing, of the messages extracted after. */
    public static int percent(ImportProgress p) {
        return share(p).percent();
    }

    /** How far the current phase is: {@code part} of {@code whole} (never 0). */
    private record Share(long part, long whole) {
        int percent() {
            return (int) (100 * part / whole);
        }
    }

    private static boolean extracting(ImportProgress p) {
        return p.phase() == ImportProgress.Phase.EXTRACTING
                || ((p.phase() == ImportProgress.Phase.DONE || p.phase() == ImportProgress.Phase.STOPPED)
                        && p.messagesToExtract() > 0);
    }

    private static long extracted(ImportProgress p) {
        return p.phase() == ImportProgress.Phase.DONE ? p.messagesToExtract() : p.messagesExtracted();
    }

    private static Share share(ImportProgress p) {
        if (extracting(p)) {
            long total = p.messagesToExtract();
            return new Share(total == 0 ? 1 : extracted(p), Math.max(1, total));
        }
        long whole = Math.max(1, p.totalLines());
        return new Share(Math.min(p.linesRead(), whole), whole);
    }

    private static String counts(ImportProgress p, Share share) {
        boolean extracting = extracting(p);
        long done = extracting ? extracted(p) : p.messagesParsed();
        long total = extracting ? p.messagesToExtract() : p.totalMessages();
        double seconds = extracting ? p.extractingSeconds() : p.elapsedSeconds();
        double rate = seconds > 0 ? done / seconds : 0;
        boolean running = p.phase() == ImportProgress.Phase.IMPORTING || p.phase() == ImportProgress.Phase.EXTRACTING;
        String eta = running && rate > 0 ? " ETA " + clock(Math.max(0, total - done) / rate) : "";
        return String.format(
                Locale.ROOT,
                "%3d%%  %,d/%,d %s  %,d records  %,.0f msg/s%s  (%s)",
                share.percent(),
                done,
                total,
                extracting ? "messages extracted" : "messages",
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
