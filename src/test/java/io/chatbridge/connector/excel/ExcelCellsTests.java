package io.chatbridge.connector.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcelCellsTests {

    @Test
    void aDateBecomesAnExcelSerialShownAsIsoAndReadsBackTheSame() {
        ExcelCell cell = ExcelCells.toCell("2026-12-05", "date", null);

        assertThat(cell.kind()).isEqualTo(ExcelCell.Kind.NUMBER);
        assertThat(cell.value()).isEqualTo("46361");
        assertThat(cell.format()).isEqualTo("yyyy-mm-dd");
        assertThat(ExcelCells.canonical(cell.value(), true, "date"))
                .isEqualTo(cell.text())
                .isEqualTo("2026-12-05");
    }

    @Test
    void moneyIsANumberWithTheRecordsCurrencyFormat() {
        ExcelCell cell = ExcelCells.toCell(new BigDecimal("12.50"), "money", "EUR");

        assertThat(cell.value()).isEqualTo("12.5");
        assertThat(cell.format()).isEqualTo("#,##0.00 [$EUR]");
        assertThat(ExcelCells.toCell(3, "money", null).format()).isEqualTo("#,##0.00");
    }

    @Test
    void textThatLooksLikeAFormulaStaysText() {
        ExcelCell cell = ExcelCells.toCell("=HYPERLINK(\"http://evil\")", "text", null);

        assertThat(cell.kind()).isEqualTo(ExcelCell.Kind.TEXT);
        assertThat(cell.value()).startsWith("=");
    }

    @Test
    void aTimeStaffTypedAsAnExcelTimeReadsAsHoursAndMinutes() {
        assertThat(ExcelCells.canonical("0.8125", true, "time")).isEqualTo("19:30");
        assertThat(ExcelCells.canonical("19:30", false, "time")).isEqualTo("19:30");
    }

    @Test
    void listsAreJoinedAndCellsParseBackToTheFieldsType() {
        assertThat(ExcelCells.toCell(List.of("a", "b"), "item-list", null).value())
                .isEqualTo("a, b");
        assertThat(ExcelCells.fromText("12", "integer")).isEqualTo(12);
        assertThat(ExcelCells.fromText("twelve", "integer")).isEqualTo("twelve");
        assertThat(ExcelCells.fromText("", "integer")).isNull();
    }

    @Test
    void columnLettersAndIndexesAgree() {
        assertThat(ExcelCells.column(0)).isEqualTo("A");
        assertThat(ExcelCells.column(27)).isEqualTo("AB");
        assertThat(ExcelCells.columnOf("AB12")).isEqualTo(27);
        assertThat(ExcelCells.columnOf("$C$7")).isEqualTo(-1);
    }
}
