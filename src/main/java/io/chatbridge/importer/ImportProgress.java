package io.chatbridge.importer;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live counters of a running import, read by the progress bar and the status API from other threads.
 */
public final class ImportProgress {

    /** Where an import is; the API reports it as is. */
    public enum Phase {
        SCANNING,
        IMPORTING,
        EXTRACTING,
        DONE,
        FAILED,
        /** Asked to stop ({@link #requestStop()}); what was stored stays. */
        STOPPED
    }

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.SCANNING);
    private final AtomicLong totalLines = new AtomicLong();
    private final AtomicLong linesRead = new AtomicLong();
    private final AtomicLong totalMessages = new AtomicLong();
    private final AtomicLong messagesParsed = new AtomicLong();
    private final AtomicLong recordsCreated = new AtomicLong();
    private final AtomicLong messagesToExtract = new AtomicLong();
    private final AtomicLong messagesExtracted = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private volatile long extractingSinceNanos;
    private final ConcurrentLinkedQueue<String> parked = new ConcurrentLinkedQueue<>();
    private volatile boolean stopRequested;

    /**
     * Asks the import to stop at its next message, or after its extraction transactions in flight: the
     * command's answer to Ctrl-C. It then throws {@link ImportStopped}.
     */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public Phase phase() {
        return phase.get();
    }

    public long totalLines() {
        return totalLines.get();
    }

    public long linesRead() {
        return linesRead.get();
    }

    public long totalMessages() {
        return totalMessages.get();
    }

    public long messagesParsed() {
        return messagesParsed.get();
    }

    public long recordsCreated() {
        return recordsCreated.get();
    }

    /** The messages this import stored new, which extraction reads once the file is stored. */
    public long messagesToExtract() {
        return messagesToExtract.get();
    }

    /** Of {@link #messagesToExtract()}, those already read by a committed extraction. */
    public long messagesExtracted() {
        return Math.min(messagesExtracted.get(), messagesToExtract.get());
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Seconds since extraction began; zero before. */
    public double extractingSeconds() {
        long since = extractingSinceNanos;
        return since == 0 ? 0 : (System.nanoTime() - since) / 1e9;
    }

    void phase(Phase next) {
        phase.set(next);
    }

    /** The file is stored: extraction of its {@code messages} new messages begins. */
    void extracting(long messages) {
        messagesToExtract.set(messages);
        extractingSinceNanos = System.nanoTime();
        phase.set(Phase.EXTRACTING);
    }

    /** An extraction transaction committed: {@code messages} extracted, {@code conversations} set aside. */
    void committed(long messages, List<String> conversations) {
        messagesExtracted.addAndGet(messages);
        parked.addAll(conversations);
    }

    /** The conversations whose extraction failed (ids), their messages stored but not extracted. */
    List<String> parked() {
        return List.copyOf(parked);
    }

    void addTotals(long lines, long messages) {
        totalLines.addAndGet(lines);
        totalMessages.addAndGet(messages);
    }

    void lineRead(int lineNumber, long linesBefore) {
        linesRead.set(linesBefore + lineNumber);
    }

    void messageParsed() {
        messagesParsed.incrementAndGet();
    }

    void records(long count) {
        recordsCreated.set(count);
    }
}
