package io.chatbridge.connector.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a sheet's XML from the old workbook to the new one in a single pass, reading each row's
 * cells as it copies them and asking the {@link Rows} what to change: cells of a row are replaced in
 * place, the header row is completed (or inserted), and new rows are appended before
 * {@code </sheetData>}; the {@code <dimension>} and the sheet's auto-filter grow with the data. Rows
 * nobody asked to change are written exactly as they were read, and so is everything around them
 * (formulas, styles, widths, merges, validation, filters).
 */
final class SheetRewriter {

    /** A cell to write and the style to give it ({@code -1}: keep the cell's own style). */
    record NewCell(ExcelCell cell, int style) {}

    /** What to change, decided row by row as the sheet streams past. */
    interface Rows {
        /** Cells to write into row 1 (whose texts these are; empty when the sheet has no row 1). */
        SortedMap<Integer, NewCell> header(List<String> headers);

        /** The columns whose cells {@link #row} needs. */
        Set<Integer> wanted();

        /** Cells to write into this row; empty to leave it as it is. */
        SortedMap<Integer, NewCell> row(int number, Map<Integer, SheetScanner.RawCell> cells);

        /** Rows to add after the last one, by row number. */
        NavigableMap<Integer, SortedMap<Integer, NewCell>> appends(int lastRow);

        /** The last row and column the sheet will have, as far as known before the pass (for {@code <dimension>}). */
        int predictedLastRow(int currentLastRow);

        int lastColumn(int currentLastColumn);
    }

    /** What the pass saw: the sheet's last row before and after. */
    record Result(int oldLastRow, int newLastRow) {}

    private final XmlCopier copier;
    private final XMLStreamReader xml;
    private final Rows rows;
    private final SharedStrings strings;
    private boolean headerSeen;
    private int lastRow;

    private SheetRewriter(XMLStreamReader xml, Writer out, Rows rows, SharedStrings strings) {
        this.copier = new XmlCopier(xml, out);
        this.xml = xml;
        this.rows = rows;
        this.strings = strings;
    }

    static Result rewrite(InputStream sheet, Writer out, Rows rows, SharedStrings strings) throws IOException {
        try {
            return new SheetRewriter(Xml.reader(sheet), out, rows, strings).run();
        } catch (XMLStreamException e) {
            throw new IOException("the sheet is not valid XML: " + e.getMessage(), e);
        }
    }

    private Result run() throws XMLStreamException, IOException {
        copier.declaration();
        int newLastRow = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "dimension" -> copier.startTag("ref", dimension(), true);
                    case "autoFilter" ->
                        copier.startTag("ref", grow(Xml.attribute(xml, "ref"), lastRow, newLastRow), true);
                    case "row" -> row();
                    default -> copier.copy();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
                int oldLast = lastRow;
                insertHeaderIfMissing();
                NavigableMap<Integer, SortedMap<Integer, NewCell>> appends = rows.appends(Math.max(lastRow, 1));
                for (Map.Entry<Integer, SortedMap<Integer, NewCell>> row : appends.entrySet()) {
                    newRow(row.getKey(), row.getValue());
                }
                newLastRow = appends.isEmpty() ? Math.max(oldLast, lastRow) : appends.lastKey();
                lastRow = oldLast;
                copier.copy();
            } else {
                copier.copy();
            }
        }
        copier.flush();
        return new Result(lastRow, Math.max(newLastRow, lastRow));
    }

    private String dimension() {
        String ref = Xml.attribute(xml, "ref");
        String end = ref == null ? "A1" : ref.substring(ref.indexOf(':') + 1);
        String digits = end.replaceAll("[^0-9]", "");
        int last = digits.isEmpty() ? 1 : Integer.parseInt(digits);
        int column = Math.max(0, ExcelCells.columnOf(end.replace("$", "")));
        return "A1:" + ExcelCells.column(rows.lastColumn(column)) + rows.predictedLastRow(last);
    }

    /** A range that ended at the old last row ends at the new one, so filters and tables take in appended rows. */
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

    /** A table part (an Excel table on the sheet): its range and filter grow with appended rows. */
    static void rewriteTable(InputStream table, Writer out, Result sheet) throws IOException {
        try {
            XmlCopier copier = new XmlCopier(Xml.reader(table), out);
            XMLStreamReader xml = copier.reader();
            copier.declaration();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT
                        && ("table".equals(xml.getLocalName()) || "autoFilter".equals(xml.getLocalName()))) {
                    copier.startTag(
                            "ref", grow(Xml.attribute(xml, "ref"), sheet.oldLastRow(), sheet.newLastRow()), true);
                } else {
                    copier.copy();
                }
            }
            copier.flush();
        } catch (XMLStreamException e) {
            throw new IOException("a table of the sheet is not valid XML: " + e.getMessage(), e);
        }
    }

    /** One cell as copied: where its XML sits in the buffer, and its content. */
    private record CopiedCell(int column, int start, int end, String style) {}

    /**
     * Copies the row into the output buffer while reading its cells; if the row is to change, takes
     * the copy back and writes the merged row instead. The buffer is only flushed between rows.
     */
    private void row() throws XMLStreamException, IOException {
        String r = Xml.attribute(xml, "r");
        int number = r == null ? lastRow + 1 : Integer.parseInt(r);
        if (number > 1) {
            insertHeaderIfMissing();
        }
        StringBuilder out = copier.out();
        copier.hold();
        int rowStart = out.length();
        copier.startTag("spans", null, true);
        int cellsStart = out.length();
        boolean header = number == 1;
        Set<Integer> wanted = header ? null : rows.wanted();
        Map<Integer, SheetScanner.RawCell> values = new HashMap<>();
        List<CopiedCell> copied = new ArrayList<>();
        int column = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                int at = ExcelCells.columnOf(Xml.attribute(xml, "r"));
                column = at >= 0 ? at : column + 1;
                int start = out.length();
                String style = Xml.attribute(xml, "s");
                SheetScanner.RawCell value = copyCell(Xml.attribute(xml, "t"));
                if (value != null && (header || wanted.contains(column))) {
                    values.put(column, value);
                }
                copied.add(new CopiedCell(column, start, out.length(), style));
            } else if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                copier.copy();
                break;
            } else {
                copier.copy();
            }
        }
        lastRow = Math.max(lastRow, number);
        SortedMap<Integer, NewCell> changes = header ? header(values) : rows.row(number, values);
        if (!changes.isEmpty()) {
            String startTag = out.substring(rowStart, cellsStart);
            List<String> fragments = new ArrayList<>();
            copied.forEach(c -> fragments.add(out.substring(c.start(), c.end())));
            out.setLength(rowStart);
            out.append(startTag);
            merge(number, copied, fragments, changes);
            out.append("</row>");
        }
        copier.release();
    }

    private SortedMap<Integer, NewCell> header(Map<Integer, SheetScanner.RawCell> cells) {
        headerSeen = true;
        int last = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            SheetScanner.RawCell cell = cells.get(i);
            headers.add(cell == null ? "" : cell.text().trim());
        }
        return rows.header(headers);
    }

    private void insertHeaderIfMissing() throws IOException {
        if (!headerSeen) {
            headerSeen = true;
            SortedMap<Integer, NewCell> cells = rows.header(List.of());
            if (!cells.isEmpty()) {
                newRow(1, cells);
                lastRow = Math.max(lastRow, 1);
            }
        }
    }

    private void merge(int row, List<CopiedCell> copied, List<String> fragments, SortedMap<Integer, NewCell> changes)
            throws IOException {
        Iterator<Map.Entry<Integer, NewCell>> planned = changes.entrySet().iterator();
        Map.Entry<Integer, NewCell> next = planned.hasNext() ? planned.next() : null;
        for (int i = 0; i < copied.size(); i++) {
            CopiedCell cell = copied.get(i);
            while (next != null && next.getKey() < cell.column()) {
                writeCell(row, next.getKey(), next.getValue(), null);
                next = planned.hasNext() ? planned.next() : null;
            }
            if (next != null && next.getKey() == cell.column()) {
                writeCell(row, cell.column(), next.getValue(), cell.style());
                next = planned.hasNext() ? planned.next() : null;
            } else {
                copier.out().append(fragments.get(i));
            }
        }
        while (next != null) {
            writeCell(row, next.getKey(), next.getValue(), null);
            next = planned.hasNext() ? planned.next() : null;
        }
    }

    private void newRow(int row, SortedMap<Integer, NewCell> cells) throws IOException {
        StringBuilder out = copier.out();
        out.append("<row r=\"").append(row).append("\">");
        for (Map.Entry<Integer, NewCell> cell : cells.entrySet()) {
            writeCell(row, cell.getKey(), cell.getValue(), null);
        }
        out.append("</row>");
        copier.flushIfFull();
    }

    /** Copies the current {@code <c>} through to its end, returning what it holds. */
    private SheetScanner.RawCell copyCell(String type) throws XMLStreamException, IOException {
        copier.copy();
        StringBuilder value = null;
        StringBuilder inline = null;
        boolean inV = false;
        boolean inT = false;
        int phonetic = 0;
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    inV = true;
                    value = new StringBuilder();
                } else if ("rPh".equals(name)) {
                    phonetic++;
                } else if ("t".equals(name) && phonetic == 0) {
                    inT = true;
                    inline = inline == null ? new StringBuilder() : inline;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                String name = xml.getLocalName();
                inV = inV && !"v".equals(name);
                inT = inT && !"t".equals(name);
                phonetic -= "rPh".equals(name) ? 1 : 0;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                if (inV) {
                    value.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                } else if (inT) {
                    inline.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
            copier.copy();
        }
        return SheetScanner.raw(type, value, inline, strings);
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
    }

    /** Text that happens to look like OOXML's {@code _x0041_} escape must stay literal. */
    private static String literal(String text) {
        return text.indexOf("_x") < 0 ? text : text.replaceAll("_(x[0-9A-Fa-f]{4}_)", "_x005F_$1");
    }

    static NavigableMap<Integer, SortedMap<Integer, NewCell>> none() {
        return new TreeMap<>();
    }
}
