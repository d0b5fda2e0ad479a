package io.chatbridge.importer;

import java.util.List;

/** Import progress in a chosen state, for tests outside this package (the counters' setters are not public). */
public final class ProgressStates {

    private ProgressStates() {}

    /** Reading: {@code read} of {@code lines} lines, {@code parsed} of {@code messages} messages. */
    public static ImportProgress importing(long lines, long read, long messages, long parsed) {
        ImportProgress progress = new ImportProgress();
        progress.addTotals(lines, messages);
        progress.phase(ImportProgress.Phase.IMPORTING);
        progress.lineRead((int) read, 0);
        for (long i = 0; i < parsed; i++) {
            progress.messageParsed();
        }
        return progress;
    }

    /** The file stored with {@code stored} new messages, {@code extracted} of them extracted, {@code records} made. */
    public static ImportProgress extracting(long lines, long stored, long extracted, long records) {
        ImportProgress progress = importing(lines, lines, stored, stored);
        progress.extracting(stored);
        progress.committed(extracted, List.of());
        progress.records(records);
        return progress;
    }

    public static ImportProgress done(ImportProgress progress) {
        progress.phase(ImportProgress.Phase.DONE);
        return progress;
    }
}
