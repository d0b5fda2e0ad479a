package io.chatbridge.importer;

/**
 * The import stopped because it was asked to ({@link ImportProgress#requestStop()}: the command's Ctrl-C).
 * What it stored stays: each chunk commits with its messages, and importing the same file again adds only
 * what is missing; conversations stored but not yet extracted are read by the next import or by the server.
 */
public final class ImportStopped extends RuntimeException {

    private final boolean extracting;
    private final long stored;
    private final long extracted;

    private ImportStopped(boolean extracting, long stored, long extracted) {
        super(extracting ? "stopped while extracting" : "stopped while storing", null, false, false);
        this.extracting = extracting;
        this.stored = stored;
        this.extracted = extracted;
    }

    /** Thrown where the file is read; {@link ChatImporter} adds what was stored. */
    static ImportStopped whileReading() {
        return new ImportStopped(false, 0, 0);
    }

    static ImportStopped whileStoring(long stored) {
        return new ImportStopped(false, stored, 0);
    }

    static ImportStopped whileExtracting(long stored, long extracted) {
        return new ImportStopped(true, stored, extracted);
    }

    /** Whether every message was stored and extraction had begun. */
    public boolean extracting() {
        return extracting;
    }

    /** The messages this import stored new before it stopped. */
    public long stored() {
        return stored;
    }

    /** Of those, the messages extraction had read (0 while storing). */
    public long extracted() {
        return extracted;
    }
}
