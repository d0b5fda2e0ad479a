package io.chatbridge.connector.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetCellsTests {

    @Test
    void customerTextIsSentAsItIsSoRawKeepsFormulasAsText() {
        assertThat(SheetCells.toCell("=HYPERLINK(\"x\")")).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(SheetCells.toCell("+123")).isEqualTo("+123");
        assertThat(SheetCells.toCell("two\nlines 🎉")).isEqualTo("two\nlines 🎉");
    }

    @Test
    void numbersStayNumbersAndListsBecomeReadableText() {
        assertThat(SheetCells.toCell(8)).isEqualTo(8);
        assertThat(SheetCells.toCell(List.of("cake", "dj"))).isEqualTo("cake, dj");
        assertThat(SheetCells.toCell(null)).isEqualTo("");
    }

    @Test
    void cellsReadBackAsTheFieldsType() {
        assertThat(SheetCells.fromText("12", "integer")).isEqualTo(12);
        assertThat(SheetCells.fromText("12.50", "money")).isEqualTo(new BigDecimal("12.50"));
        assertThat(SheetCells.fromText("twelve", "integer")).isEqualTo("twelve");
        assertThat(SheetCells.fromText(" ", "text")).isNull();
    }

    @Test
    void theTextOfANumberIsWhatTheSheetShows() {
        assertThat(SheetCells.text(8)).isEqualTo("8");
        assertThat(SheetCells.text(8.50)).isEqualTo("8.5");
        assertThat(SheetCells.text(true)).isEqualTo("TRUE");
    }

    @Test
    void findsTheFirstRowOfAnUpdatedRange() {
        assertThat(SheetCells.firstRow("Bookings!A5:I7")).isEqualTo(5);
        assertThat(SheetCells.firstRow("'My tab'!A12:I12")).isEqualTo(12);
        assertThat(SheetCells.column(0)).isEqualTo("A");
        assertThat(SheetCells.column(27)).isEqualTo("AB");
    }
}
