package io.chatbridge.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An export read whole by the two passes, for assertions. */
record ParsedFile(
        DateOrder order,
        List<ExportMessage> messages,
        List<Integer> systemLines,
        List<String> unreadable,
        List<Integer> cut,
        ExportScan scan) {

    static ParsedFile of(Path file) throws IOException {
        return of(Files.readString(file, StandardCharsets.UTF_8));
    }

    static ParsedFile fixture(String name) throws IOException {
        return of(Path.of("src/test/resources/fixtures/chat-exports", name));
    }

    static ParsedFile of(String text) throws IOException {
        ExportScan scan = ExportScan.of(new BufferedReader(new StringReader(text)));
        DateOrder order = scan.dateOrder(Locale.UK).order();
        List<ExportMessage> messages = new ArrayList<>();
        List<Integer> system = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<Integer> cut = new ArrayList<>();
        new ExportParser(order).parse(new BufferedReader(new StringReader(text)), new ExportListener() {
            @Override
            public void message(ExportMessage message) {
                messages.add(message);
            }

            @Override
            public void systemLine(int line) {
                system.add(line);
            }

            @Override
            public void unreadable(int line, String reason) {
                unreadable.add(line + ": " + reason);
            }

            @Override
            public void cut(int line) {
                cut.add(line);
            }
        });
        return new ParsedFile(order, messages, system, unreadable, cut, scan);
    }

    /** The authors the scan counted under the file's order: those the parse reads messages of. */
    java.util.Map<String, Integer> authors() {
        return scan.authors(order);
    }

    ExportMessage first() {
        return messages.get(0);
    }

    ExportMessage last() {
        return messages.get(messages.size() - 1);
    }
}
