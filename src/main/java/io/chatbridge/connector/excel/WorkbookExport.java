package io.chatbridge.connector.excel;

import io.chatbridge.record.RecordSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An append-only export (a month of payments for finance) written with POI's streaming SXSSF: rows
 * are flushed to a compressed temporary file every {@value #WINDOW} rows, so a million rows take the
 * same heap as a hundred. Cells are typed as in the two-way sync: dates are Excel dates, amounts numbers
 * in their currency's format, and text is text (a leading {@code =} is never a formula).
 */
public final class WorkbookExport {

    static final int WINDOW = 200;

    private WorkbookExport() {}

    /**
     * Writes one sheet with a header row and one row per record that {@code source} hands over.
     *
     * @param source calls its consumer once per record, in order (a database cursor, a list …)
     * @return the number of data rows written
     */
    public static long write(
            String sheetName, List<ExportColumn> columns, Consumer<Consumer<RecordSnapshot>> source, OutputStream out)
            throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(null, WINDOW, true, false)) {
            SXSSFSheet sheet = book.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).header());
            }
            Map<String, CellStyle> styles = new HashMap<>();
            long[] rows = {0};
            source.accept(record -> {
                Row row = sheet.createRow((int) ++rows[0]);
                for (int i = 0; i < columns.size(); i++) {
                    write(book, styles, row.createCell(i), cell(record, columns.get(i)));
                }
            });
            book.write(out);
            return rows[0];
        }
    }

    private static ExcelCell cell(RecordSnapshot record, ExportColumn column) {
        Object value =
                switch (column.field()) {
                    case "id" -> record.humanId();
                    case "status" -> record.status();
                    case "created_at" ->
                        record.createdAt() == null ? null : record.createdAt().toString();
                    default -> record.fields().get(column.field());
                };
        Object currency = record.fields().get("currency");
        return ExcelCells.toCell(value, column.type(), currency == null ? null : currency.toString());
    }

    private static void write(SXSSFWorkbook book, Map<String, CellStyle> styles, Cell cell, ExcelCell value) {
        switch (value.kind()) {
            case BLANK -> cell.setBlank();
            case TEXT -> cell.setCellValue(value.value());
            case NUMBER -> {
                cell.setCellValue(Double.parseDouble(value.value()));
                if (value.format() != null) {
                    cell.setCellStyle(styles.computeIfAbsent(value.format(), format -> {
                        CellStyle style = book.createCellStyle();
                        style.setDataFormat(book.createDataFormat().getFormat(format));
                        return style;
                    }));
                }
            }
        }
    }
}
