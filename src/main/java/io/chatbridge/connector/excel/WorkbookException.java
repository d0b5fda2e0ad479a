package io.chatbridge.connector.excel;

/**
 * Why a workbook cannot be written or read right now, in words for the admin. The kind is what the
 * problems list shows; every kind leaves the file alone and the deliveries queued.
 */
class WorkbookException extends Exception {

    enum Kind {
        /** Open in Excel or LibreOffice (a lock file is next to it): wait until it is closed. */
        WORKBOOK_LOCKED,
        /** Not an .xlsx (not a zip, or parts missing): never overwritten, someone may want it back. */
        WORKBOOK_UNREADABLE,
        /** The bound sheet is not in the workbook. */
        SHEET_MISSING,
        /** A header chatbridge used to find was renamed or removed. */
        HEADER_MISSING,
        /** The file changed while we were writing it: write again from the new file. */
        CHANGED_MEANWHILE;

        String problem() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;

    WorkbookException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    WorkbookException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
