package io.chatbridge.reconcile;

import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The watched folder's bean (route {@code statements-folder}): a file dropped into
 * {@code chatbridge.payments.statements-dir} is imported; one in a sub-folder named after a CSV
 * profile ({@code statements/barclays/export.csv}) is read with that profile. The route moves the
 * file to {@code .done/} after the import, or to {@code .failed/} when it cannot be read, so a file
 * is never imported half and never lost.
 */
@Component
public class StatementFolder {

    private final StatementImporter importer;

    StatementFolder(StatementImporter importer) {
        this.importer = importer;
    }

    public StatementImport importFile(byte[] content, String relativePath) {
        Path path = Path.of(relativePath);
        String profile = path.getNameCount() > 1 ? path.getName(0).toString() : null;
        return importer.importFile(path.getFileName().toString(), content, profile, "folder");
    }
}
