package io.chatbridge.connector.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a sheet's XML from the old workbook to the new one, changing only what the plan says: cells
 * of rows found by id are replaced, missing rows (the header row, appended records) are inserted in
 * row order, and the {@code <dimension>} and the sheet's auto-filter grow with the data. Every other
 * row, cell, formula, style, width, merge, validation and filter is copied as it was.
 */
final class SheetRewriter {

    /** A cell to write and the style to give it ({@code -1}: keep the cell's own style). */
    record NewCell(ExcelCell cell, int style) {}

    /** Row number to the cells to write in it, column index to cell. */
    record Plan(
            NavigableMap<Integer, SortedMap<Integer, NewCell>> rows, int oldLastRow, int newLastRow, int lastColumn) {}

    private final XmlCopier copier;
    private final Plan plan;
    private final Iterator<Map.Entry<Integer, SortedMap<Integer, NewCell>>> pending;
    private Map.Entry<Integer, SortedMap<Integer, NewCell>> next;

    private SheetRewriter(XMLStreamReader xml, Writer out, Plan plan) {
        this.copier = new XmlCopier(xml, out);
        this.plan = plan;
        this.pending = plan.rows().entrySet().iterator();
        this.next = pending.hasNext() ? pending.next() : null;
    }

    static void rewrite(InputStream sheet, Writer out, Plan plan) throws IOException {
        try {
            new SheetRewriter(Xml.reader(sheet), out, plan).run();
        } catch (XMLStreamException e) {
            throw new IOException("the sheet is not valid XML: " + e.getMessage(), e);
        }
    }

    /** A table part (an Excel table on the sheet): its range and filter grow with appended rows. */
    static void rewriteTable(InputStream table, Writer out, Plan plan) throws IOException {
        try {
            XmlCopier copier = new XmlCopier(Xml.reader(table), out);
            XMLStreamReader xml = copier.reader();
            copier.declaration();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT
                        && ("table".equals(xml.getLocalName()) || "autoFilter".equals(xml.getLocalName()))) {
                    copier.startTag("ref", grow(Xml.attribute(xml, "ref"), plan.oldLastRow(), plan.newLastRow()), true);
                } else {
                    copier.copy();
                }
            }
            copier.flush();
        } catch (XMLStreamException e) {
            throw new IOException("a table of the sheet is not valid XML: " + e.getMessage(), e);
        }
    }

    private void run() throws XMLStreamException, IOException {
        XMLStreamReader xml = copier.reader();
        copier.declaration();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                startElement(xml.getLocalName());
            } else if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
                insertRowsBefore(Integer.MAX_VALUE);
                copier.copy();
            } else {
                copier.copy();
            }
        }
        copier.flush();
    }

    private void startElement(String name) throws XMLStreamException, IOException {
        XMLStreamReader xml = copier.reader();
        switch (name) {
            case "dimension" ->
                copier.startTag(
                        "ref", "A1:" + ExcelCells.column(plan.lastColumn()) + Math.max(1, plan.newLastRow()), true);
            case "autoFilter" -> copier.startTag("ref", grown(Xml.attribute(xml, "ref")), true);
            case "row" -> row(xml);
            default -> copier.copy();
        }
    }

    /** A range that ended at the old last row ends at the new one, so filters and tables take in appended rows. */
    String grown(String ref) {
        return grow(ref, plan.oldLastRow(), plan.newLastRow());
    }

    static String grow(String ref, int oldLastRow, int newLastRow) {
        if (ref == null || !ref.contains(":") || newLastRow <= oldLastRow) {
            return ref;
        }
        String end = ref.substring(ref.indexOf(':') + 1);
        String letters = end.replaceAll("[0-9$]", "");
        String digits = end.replaceAll("[^0-9]", "");
        if (digits.isEmpty() || Integer.parseInt(digits) != oldLastRow) {
            return ref;
        }
        return ref.substring(0, ref.indexOf(':') + 1) + letters + newLastRow;
    }

    private void row(XMLStreamReader xml) throws XMLStreamException, IOException {
        String r = Xml.attribute(xml, "r");
        int number = r == null ? -1 : Integer.parseInt(r);
        if (number > 0) {
            insertRowsBefore(number);
        }
        if (next == null || next.getKey() != number) {
            copier.copySubtree();
            return;
        }
        SortedMap<Integer, NewCell> cells = next.getValue();
        advance();
        copier.startTag("spans", null, true);
        mergeCells(xml, number, cells);
    }

    /** Copies the row's cells, replacing the planned ones and slotting new ones in column order. */
    private void mergeCells(XMLStreamReader xml, int number, SortedMap<Integer, NewCell> cells)
            throws XMLStreamException, IOException {
        Iterator<Map.Entry<Integer, NewCell>> planned = cells.entrySet().iterator();
        Map.Entry<Integer, NewCell> cell = planned.hasNext() ? planned.next() : null;
        int column = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                int at = ExcelCells.columnOf(Xml.attribute(xml, "r"));
                column = at >= 0 ? at : column + 1;
                while (cell != null && cell.getKey() < column) {
                    writeCell(number, cell.getKey(), cell.getValue(), null);
                    cell = planned.hasNext() ? planned.next() : null;
                }
                if (cell != null && cell.getKey() == column) {
                    writeCell(number, column, cell.getValue(), Xml.attribute(xml, "s"));
                    copier.skipSubtree();
                    cell = planned.hasNext() ? planned.next() : null;
                } else {
                    copier.copySubtree();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                while (cell != null) {
                    writeCell(number, cell.getKey(), cell.getValue(), null);
                    cell = planned.hasNext() ? planned.next() : null;
                }
                copier.copy();
                return;
            } else {
                copier.copy();
            }
        }
    }

    private void insertRowsBefore(int number) throws IOException {
        while (next != null && next.getKey() < number) {
            int row = next.getKey();
            StringBuilder out = copier.out();
            out.append("<row r=\"").append(row).append("\">");
            for (Map.Entry<Integer, NewCell> cell : next.getValue().entrySet()) {
                writeCell(row, cell.getKey(), cell.getValue(), null);
            }
            out.append("</row>");
            copier.flushIfFull();
            advance();
        }
    }

    private void advance() {
        next = pending.hasNext() ? pending.next() : null;
    }

    private void writeCell(int row, int column, NewCell planned, String existingStyle) throws IOException {
        StringBuilder out = copier.out();
        ExcelCell cell = planned.cell();
        String style = planned.style() >= 0 ? String.valueOf(planned.style()) : existingStyle;
        out.append("<c r=\"").append(ExcelCells.column(column)).append(row).append('"');
        if (style != null && !"0".equals(style)) {
            out.append(" s=\"").append(style).append('"');
        }
        switch (cell.kind()) {
            case BLANK -> out.append("/>");
            case NUMBER -> out.append("><v>").append(cell.value()).append("</v></c>");
            case TEXT -> {
                out.append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                Xml.escape(literal(cell.value()), out);
                out.append("</t></is></c>");
            }
        }
        copier.flushIfFull();
    }

    /** Text that happens to look like OOXML's {@code _x0041_} escape must stay literal. */
    private static String literal(String text) {
        return text.indexOf("_x") < 0 ? text : text.replaceAll("_(x[0-9A-Fa-f]{4}_)", "_x005F_$1");
    }
}
