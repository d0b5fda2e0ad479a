package io.chatbridge.importer;

/** Receives what {@link ExportParser} reads, in file order. */
interface ExportListener {

    void message(ExportMessage message);

    /** A line WhatsApp wrote itself (encryption notice, "X added Y", missed calls…): counted, not imported. */
    default void systemLine(int line) {}

    /** A line that could not be read; the rest of the file is still imported. */
    default void unreadable(int line, String reason) {}

    /**
     * A line cut, or left out, because it would make a message longer than WhatsApp allows
     * ({@link ExportLines#MAX_MESSAGE} characters): the message is imported with what came before.
     */
    default void cut(int line) {}

    /** A line with bytes that are not UTF-8, read with U+FFFD in their place (and imported so). */
    default void notUtf8(int line) {}

    /** The file has been read to its end. */
    default void end() {}
}
