package io.chatbridge.support.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks as finance teams keep them, built with POI: a bookings sheet with a styled header, column
 * widths, an auto-filter, a status drop-down (data validation) and a frozen header; a summary sheet
 * whose formulas count the bookings; and a named range over the data.
 */
public final class TestWorkbooks {

    public static final List<String> HEADERS =
            List.of("Booking ID", "Date", "Time", "Guests", "Item", "Name", "Phone", "Status", "Notes");

    private TestWorkbooks() {}

    /** The furnished workbook with these data rows (each a list of cell texts; "" = empty). */
    public static Path furnished(Path file, List<List<String>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet sheet = book.createSheet("Bookings");
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            Row top = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                top.createCell(i).setCellValue(HEADERS.get(i));
                top.getCell(i).setCellStyle(header);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(cells.get(c));
                    }
                }
            }
            sheet.setColumnWidth(5, 30 * 256);
            sheet.setColumnWidth(8, 50 * 256);
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, rows.size(), 0, HEADERS.size() - 1));
            DataValidationHelper helper = sheet.getDataValidationHelper();
            DataValidation status = helper.createValidation(
                    helper.createExplicitListConstraint(new String[] {"new", "confirmed", "cancelled"}),
                    new CellRangeAddressList(1, 1000, 7, 7));
            sheet.addValidationData(status);
            XSSFSheet summary = book.createSheet("Summary");
            summary.createRow(0).createCell(0).setCellValue("Confirmed");
            summary.getRow(0).createCell(1).setCellFormula("COUNTIF(Bookings!H:H,\"confirmed\")");
            summary.createRow(1).createCell(0).setCellValue("Guests");
            summary.getRow(1).createCell(1).setCellFormula("SUM(Bookings!D:D)");
            Name data = book.createName();
            data.setNameName("BookingData");
            data.setRefersToFormula("Bookings!$A$1:$I$1000");
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
