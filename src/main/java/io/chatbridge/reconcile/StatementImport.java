package io.chatbridge.reconcile;

/**
 * What importing one statement file did.
 *
 * @param statementId the stored statement (the earlier one when the file was imported before)
 * @param entries entries in the file (booked ones; pending entries are not money yet)
 * @param newEntries entries not seen before in any file; the rest were duplicates and changed nothing
 * @param alreadyImported the same bytes were imported before: nothing changed at all
 */
public record StatementImport(
        long statementId,
        String fileName,
        String format,
        int statements,
        int entries,
        int newEntries,
        boolean alreadyImported) {}
