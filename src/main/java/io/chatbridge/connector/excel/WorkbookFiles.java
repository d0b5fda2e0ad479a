package io.chatbridge.connector.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook as a file: who has it open, what it looks like (size, time, content hash), creating it
 * and replacing it atomically. A write goes to a temporary file in the same folder and is renamed over
 * the workbook, so Excel, a backup or a sync client never sees half a file.
 */
final class WorkbookFiles {

    /** The file as it was at one moment; equal stamps mean nobody saved in between. */
    record Stamp(long size, long mtime, String hash) {}

    private WorkbookFiles() {}

    /**
     * The lock file Excel ({@code ~$name.xlsx}) or LibreOffice ({@code .~lock.name.xlsx#}) keeps next to
     * a workbook while someone has it open. Excel shortens long names to their last characters.
     */
    static Optional<Path> lockFile(Path workbook) {
        String name = workbook.getFileName().toString();
        Path folder = workbook.toAbsolutePath().getParent();
        for (String candidate :
                List.of("~$" + name, ".~lock." + name + "#", "~$" + (name.length() > 2 ? name.substring(2) : name))) {
            Path lock = folder.resolve(candidate);
            if (Files.exists(lock)) {
                return Optional.of(lock);
            }
        }
        return Optional.empty();
    }

    static void checkNotOpen(Path workbook) throws WorkbookException {
        Optional<Path> lock = lockFile(workbook);
        if (lock.isPresent()) {
            throw new WorkbookException(
                    WorkbookException.Kind.WORKBOOK_LOCKED,
                    "The workbook " + workbook.getFileName() + " is open in Excel or LibreOffice (lock file "
                            + lock.get().getFileName()
                            + "). Changes wait and are written once it is closed; nothing is lost.");
        }
    }

    static Stamp stamp(Path file) throws IOException {
        return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis(), hash(file));
    }

    /** Size and time only: enough to tell "not touched since" without reading the file. */
    static boolean sameSizeAndTime(Path file, Long size, Long mtime) throws IOException {
        return size != null
                && mtime != null
                && Files.size(file) == size
                && Files.getLastModifiedTime(file).toMillis() == mtime;
    }

    static String hash(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new workbook with one sheet and the header row, renamed into place whole. Never replaces a
     * workbook that appeared since the caller looked (staff saving one, a sync client restoring it): the
     * rename refuses an existing file and this throws {@link java.nio.file.FileAlreadyExistsException}.
     */
    static void create(Path workbook, String sheet, List<String> headers) throws IOException {
        Files.createDirectories(workbook.toAbsolutePath().getParent());
        Path temp = tempFile(workbook);
        try {
            try (XSSFWorkbook book = new XSSFWorkbook();
                    OutputStream out = Files.newOutputStream(temp)) {
                XSSFSheet created = book.createSheet(sheet);
                XSSFRow row = created.createRow(0);
                for (int i = 0; i < headers.size(); i++) {
                    row.createCell(i).setCellValue(headers.get(i));
                }
                book.write(out);
            }
            Files.move(temp, workbook);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static Path tempFile(Path workbook) throws IOException {
        Path folder = workbook.toAbsolutePath().getParent();
        return Files.createTempFile(folder, "." + workbook.getFileName() + ".", ".chatbridge-tmp");
    }

    /** Renames the finished file over the workbook, atomically where the file system can. */
    static void replace(Path temp, Path workbook) throws IOException {
        try {
            Files.move(temp, workbook, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, workbook, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
