package io.chatbridge.connector.sheets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connector's API client, writer and budgets, built on first use: an instance whose mappings
 * bind nothing to a sheet needs no credentials at all.
 */
@Component
class SheetsConnection {

    private final SheetsProperties properties;
    private final SheetsSyncStore store;
    private final JdbcClient jdbc;
    private volatile SheetsClient client;
    private volatile SheetsWriter writer;

    SheetsConnection(SheetsProperties properties, SheetsSyncStore store, JdbcClient jdbc) {
        this.properties = properties;
        this.store = store;
        this.jdbc = jdbc;
    }

    /** Fails with a message an admin understands when the credentials file is missing. */
    static void checkCredentials(SheetsProperties properties) {
        if (properties.credentialsFile() == null
                || properties.credentialsFile().toString().isBlank()) {
            throw new IllegalStateException(
                    "A mapping binds records to a Google Sheet, but chatbridge.sheets.credentials-file"
                            + " (CHATBRIDGE_SHEETS_CREDENTIALS_FILE) is not set. Point it at the service account's JSON key file.");
        }
        if (!Files.isReadable(properties.credentialsFile())) {
            throw new IllegalStateException(
                    "chatbridge.sheets.credentials-file points at " + properties.credentialsFile()
                            + ", which cannot be read. Check the path and the file's permissions.");
        }
    }

    SheetsClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    checkCredentials(properties);
                    try {
                        client = new PacedSheetsClient(
                                GoogleSheetsClient.create(properties),
                                new RequestBudget(jdbc, "sheets-read", properties.readRequestsPerMinute()),
                                new RequestBudget(jdbc, "sheets-write", properties.writeRequestsPerMinute()),
                                GoogleBackoff.of(properties),
                                properties.maxRetries(),
                                d -> Thread.sleep(d.toMillis()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the Google credentials file: " + e.getMessage(), e);
                    }
                }
            }
        }
        return client;
    }

    SheetsWriter writer() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = new SheetsWriter(client(), store);
                }
            }
        }
        return writer;
    }
}
