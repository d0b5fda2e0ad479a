package io.chatbridge.support.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A bound workbook as staff see it: rows as header to displayed text, and edits saved the way Excel
 * saves (a new file renamed over the old one), with POI as the editor.
 */
public final class WorkbookFile {

    private final Path file;
    private final String sheet;

    public WorkbookFile(Path file, String sheet) {
        this.file = file;
        this.sheet = sheet;
    }

    public Path path() {
        return file;
    }

    /** Every row below the header, as header to displayed text. */
    public List<Map<String, String>> rows() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet s = book.getSheet(sheet);
            DataFormatter format = new DataFormatter();
            List<String> headers = new ArrayList<>();
            s.getRow(0).forEach(c -> headers.add(format.formatCellValue(c)));
            List<Map<String, String>> rows = new ArrayList<>();
            for (int r = 1; r <= s.getLastRowNum(); r++) {
                Row row = s.getRow(r);
                Map<String, String> cells = new LinkedHashMap<>();
                for (int c = 0; c < headers.size(); c++) {
                    Cell cell = row == null ? null : row.getCell(c);
                    cells.put(headers.get(c), cell == null ? "" : format.formatCellValue(cell));
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> rowWhere(String header, String value) {
        return rows().stream()
                .filter(r -> value.equals(r.get(header)))
                .findFirst()
                .orElse(null);
    }

    /** Opens the workbook, lets the test change it, and saves it as Excel does. */
    public void edit(Consumer<XSSFSheet> change) {
        try (InputStream in = Files.newInputStream(file);
                XSSFWorkbook book = new XSSFWorkbook(in)) {
            change.accept(book.getSheet(sheet));
            Path temp = file.resolveSibling("edit-" + System.nanoTime() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                book.write(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets one cell of the row whose first column holds {@code id}. */
    public void set(String id, String header, String value) {
        edit(s -> {
            int column = column(s, header);
            for (Row row : s) {
                Cell cell = row.getCell(0);
                if (cell != null && id.equals(new DataFormatter().formatCellValue(cell))) {
                    row.createCell(column).setCellValue(value);
                }
            }
        });
    }

    /** Appends a row typed by hand (header to text). */
    public void addRow(Map<String, String> values) {
        edit(s -> {
            Row row = s.createRow(s.getLastRowNum() + 1);
            values.forEach((header, value) -> row.createCell(column(s, header)).setCellValue(value));
        });
    }

    private static int column(XSSFSheet s, String header) {
        for (Cell cell : s.getRow(0)) {
            if (header.equals(cell.getStringCellValue())) {
                return cell.getColumnIndex();
            }
        }
        throw new IllegalArgumentException("no header " + header);
    }
}
