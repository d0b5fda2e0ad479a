package io.chatbridge.importer;

/** Receives what {@link ExportParser} reads, in file order. */
interface ExportListener {

    void message(ExportMessage message);

    /** A line WhatsApp wrote itself (encryption notice, "X added Y", missed calls…): counted, not imported. */
    default void systemLine(int line) {}

    /** A line that could not be read; the rest of the file is still imported. */
    default void unreadable(int line, String reason) {}
}
