package io.chatbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells whether a running chatbridge already holds the embedded database of a data folder (PostgreSQL's
 * {@code postmaster.pid} names a live process). Only one process can own it; the import must then go
 * through that server's API. With an external database ({@code SPRING_DATASOURCE_URL}) there is no lock.
 */
final class EmbeddedDatabaseLock {

    private EmbeddedDatabaseLock() {}

    static boolean inUse(Path dataDir) {
        if (System.getenv("SPRING_DATASOURCE_URL") != null || System.getProperty("spring.datasource.url") != null) {
            return false;
        }
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pid) ? Files.readAllLines(pid) : List.of();
            return !lines.isEmpty()
                    && ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                            .map(ProcessHandle::isAlive)
                            .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static String advice(Path dataDir) {
        return "The database in " + dataDir.resolve("postgres") + " is in use by a running chatbridge server, and "
                + "only one program can use it at a time.\nImport through that server instead:\n"
                + "  curl -u admin:$CHATBRIDGE_ADMIN_PASSWORD -F file=@<export.zip> -F businessNumber=+44... "
                + "http://localhost:8080/api/imports\n"
                + "then follow it with GET /api/imports/<id>. Or stop the server and run this command again.";
    }
}
