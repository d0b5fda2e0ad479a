package io.chatbridge.connector.excel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a sheet's XML as a stream, row by row, handing the visitor the header row (row 1) and then,
 * for every other row, the cells of the columns it asked for. Memory stays flat whatever the size of
 * the sheet: only one row's wanted cells are held at a time.
 */
final class SheetScanner {

    /** A cell's content as stored: text (shared, inline or a formula's text result) or a number. */
    record RawCell(String text, boolean number) {}

    interface Visitor {
        /** The header row (empty when the sheet has no row 1); returns the column indexes to report. */
        Set<Integer> header(List<String> headers);

        void row(int number, Map<Integer, RawCell> cells);
    }

    /** What the scan saw of the sheet as a whole. */
    record Extent(int lastRow, int lastColumn) {}

    private SheetScanner() {}

    static Extent scan(InputStream sheet, SharedStrings strings, Visitor visitor) throws IOException {
        try {
            return new Pass(Xml.reader(sheet), strings, visitor).run();
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("the sheet is not valid XML: " + e.getMessage(), e);
        }
    }

    /** A cell's content from its type attribute, its {@code <v>} and its inline text; null when empty. */
    static RawCell raw(String type, StringBuilder value, StringBuilder inline, SharedStrings strings) {
        if ("inlineStr".equals(type)) {
            return inline == null ? null : new RawCell(inline.toString(), false);
        }
        if (value == null) {
            return null;
        }
        String v = value.toString();
        if ("s".equals(type)) {
            return new RawCell(strings.get(Integer.parseInt(v.trim())), false);
        }
        if ("b".equals(type)) {
            return new RawCell("1".equals(v.trim()) ? "TRUE" : "FALSE", false);
        }
        if ("str".equals(type) || "e".equals(type)) {
            return new RawCell(v, false);
        }
        return new RawCell(v.trim(), true);
    }

    private static final class Pass {
        private final XMLStreamReader xml;
        private final SharedStrings strings;
        private final Visitor visitor;
        private Set<Integer> wanted;
        private int lastRow;
        private int lastColumn = -1;

        Pass(XMLStreamReader xml, SharedStrings strings, Visitor visitor) {
            this.xml = xml;
            this.strings = strings;
            this.visitor = visitor;
        }

        Extent run() throws XMLStreamException {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    row();
                }
            }
            if (wanted == null) {
                visitor.header(List.of());
            }
            return new Extent(lastRow, lastColumn);
        }

        private void row() throws XMLStreamException {
            String r = Xml.attribute(xml, "r");
            int number = r != null ? Integer.parseInt(r) : lastRow + 1;
            if (wanted == null && number > 1) {
                wanted = visitor.header(List.of());
            }
            boolean header = number == 1;
            Map<Integer, RawCell> cells = new HashMap<>();
            int column = -1;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                    int at = ExcelCells.columnOf(Xml.attribute(xml, "r"));
                    column = at >= 0 ? at : column + 1;
                    lastColumn = Math.max(lastColumn, column);
                    String type = Xml.attribute(xml, "t");
                    RawCell cell = cell(type);
                    if (cell != null && (header || wanted.contains(column))) {
                        cells.put(column, cell);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                    break;
                }
            }
            lastRow = Math.max(lastRow, number);
            if (header) {
                wanted = visitor.header(headers(cells));
            } else {
                visitor.row(number, cells);
            }
        }

        /** Reads the current {@code <c>} to its end. */
        private RawCell cell(String type) throws XMLStreamException {
            StringBuilder value = null;
            StringBuilder inline = null;
            boolean inV = false;
            boolean inT = false;
            int phonetic = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
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
                    String name = xml.getLocalName();
                    if ("c".equals(name)) {
                        break;
                    } else if ("v".equals(name)) {
                        inV = false;
                    } else if ("t".equals(name)) {
                        inT = false;
                    } else if ("rPh".equals(name)) {
                        phonetic--;
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (inV) {
                        value.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    } else if (inT) {
                        inline.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                    }
                }
            }
            return SheetScanner.raw(type, value, inline, strings);
        }

        private static List<String> headers(Map<Integer, RawCell> cells) {
            int last = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
            List<String> headers = new ArrayList<>();
            for (int i = 0; i <= last; i++) {
                RawCell cell = cells.get(i);
                headers.add(cell == null ? "" : cell.text().trim());
            }
            return headers;
        }
    }
}
