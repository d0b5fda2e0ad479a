package io.chatbridge.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workbook as a file: creating it never clobbers one that someone else put there first. */
class WorkbookFilesTests {

    @TempDir
    Path dir;

    @Test
    void creatingAWorkbookNeverReplacesOneThatAppearedMeanwhile() throws Exception {
        Path workbook = dir.resolve("bookings.xlsx");
        Files.writeString(workbook, "saved by staff a moment ago");

        assertThatThrownBy(() -> WorkbookFiles.create(workbook, "Bookings", List.of("Booking ID", "Name")))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readString(workbook)).isEqualTo("saved by staff a moment ago");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(workbook);
        }
    }

    @Test
    void aCreatedWorkbookHasTheHeaderRowAndNoTemporaryFileIsLeft() throws Exception {
        Path workbook = dir.resolve("sub/bookings.xlsx");

        WorkbookFiles.create(workbook, "Bookings", List.of("Booking ID", "Name"));

        try (var in = Files.newInputStream(workbook);
                var book = new XSSFWorkbook(in)) {
            assertThat(book.getSheet("Bookings").getRow(0).getCell(1).getStringCellValue())
                    .isEqualTo("Name");
        }
        try (var left = Files.list(workbook.getParent())) {
            assertThat(left).containsExactly(workbook);
        }
    }
}
