package io.chatbridge.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.record.RecordSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class WorkbookExportTests {

    static final List<ExportColumn> COLUMNS = List.of(
            new ExportColumn("Record ID", "id", "text"),
            new ExportColumn("Amount", "amount", "money"),
            new ExportColumn("Paid on", "paid_on", "date"),
            new ExportColumn("Reference", "reference", "reference"));

    @Test
    void everyRecordBecomesATypedRowAfterTheHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long rows = WorkbookExport.write(
                "payment",
                COLUMNS,
                each -> {
                    for (int i = 1; i <= 1000; i++) {
                        each.accept(payment(i));
                    }
                },
                out);

        assertThat(rows).isEqualTo(1000);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = book.getSheet("payment");
            DataFormatter format = new DataFormatter();
            assertThat(sheet.getLastRowNum()).isEqualTo(1000);
            assertThat(format.formatCellValue(sheet.getRow(0).getCell(1))).isEqualTo("Amount");
            Row first = sheet.getRow(1);
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(12.5);
            assertThat(first.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00 [$EUR]");
            assertThat(DateUtil.isCellDateFormatted(first.getCell(2))).isTrue();
            assertThat(format.formatCellValue(first.getCell(2))).isEqualTo("2026-11-02");
            assertThat(first.getCell(3).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo("=SUM(1)");
        }
    }

    static RecordSnapshot payment(int i) {
        return new RecordSnapshot(
                i,
                "PM-" + i,
                "payment",
                1,
                "received",
                true,
                Map.of(
                        "amount",
                        new BigDecimal("12.50"),
                        "currency",
                        "EUR",
                        "paid_on",
                        "2026-11-" + String.format("%02d", 1 + i % 28),
                        "reference",
                        "=SUM(" + i + ")"),
                null,
                null,
                Instant.now(),
                Instant.now());
    }
}
