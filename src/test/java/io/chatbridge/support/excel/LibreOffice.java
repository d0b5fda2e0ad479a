package io.chatbridge.support.excel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second, independent reader of the workbooks chatbridge writes: LibreOffice headless converts a
 * sheet to CSV (the cells as LibreOffice displays them). When LibreOffice is not installed this fails,
 * it does not skip: {@code .ci/run} installs it ({@code libreoffice-calc-nogui}).
 */
public final class LibreOffice {

    private LibreOffice() {}

    /** The cells of the workbook's first sheet, as displayed, row by row. */
    public static List<List<String>> firstSheet(Path workbook, Path workDir) {
        try {
            Path out = Files.createDirectories(workDir.resolve("csv"));
            Path profile = Files.createDirectories(workDir.resolve("lo-profile"));
            Process process = new ProcessBuilder(
                            executable(),
                            "-env:UserInstallation=" + profile.toUri(),
                            "--headless",
                            "--convert-to",
                            "csv:Text - txt - csv (StarCalc):44,34,76,1",
                            "--outdir",
                            out.toString(),
                            workbook.toString())
                    .redirectErrorStream(true)
                    .start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("LibreOffice failed to convert " + workbook + ": " + log);
            }
            String name = workbook.getFileName().toString().replaceAll("\\.xlsx$", ".csv");
            return parse(Files.readString(out.resolve(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/local/bin/libreoffice")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "LibreOffice is not installed: the workbook cross-check needs it (apt-get install -y libreoffice-calc-nogui, as .ci/run does)");
    }

    /** RFC 4180 CSV, quotes and newlines inside quotes included. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
