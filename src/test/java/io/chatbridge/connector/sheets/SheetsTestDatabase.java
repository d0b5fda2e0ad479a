package io.chatbridge.connector.sheets;

import io.chatbridge.support.TestDatabase;

/** The shared test database, plus the sheets connector's store on it. */
final class SheetsTestDatabase extends TestDatabase {

    SheetsSyncStore store() {
        return new SheetsSyncStore(jdbc, dataSource, json);
    }
}
