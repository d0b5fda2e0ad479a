package io.chatbridge.connector.excel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The workbook's shared strings table, read in one pass into one character buffer and an offset
 * array: once Excel has saved a workbook, every text cell points here, so ids and statuses can only
 * be read through it. About one byte per character, instead of the ~60 bytes per string that a
 * {@code String[]} (or POI's table) costs, which keeps a 100k-row workbook's strings in a few MB.
 */
final class SharedStrings {

    static final SharedStrings NONE = new SharedStrings(new StringBuilder(), new int[] {0}, 0);

    private final StringBuilder chars;
    private final int[] starts;
    private final int size;

    private SharedStrings(StringBuilder chars, int[] starts, int size) {
        this.chars = chars;
        this.starts = starts;
        this.size = size;
    }

    static SharedStrings read(InputStream in) throws IOException {
        try {
            XMLStreamReader xml = Xml.reader(in);
            StringBuilder chars = new StringBuilder();
            int[] starts = new int[1024];
            int size = 0;
            int depthInPhonetic = 0;
            boolean inText = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("si".equals(name)) {
                        if (size + 1 >= starts.length) {
                            starts = Arrays.copyOf(starts, starts.length * 2);
                        }
                        starts[size] = chars.length();
                    } else if ("rPh".equals(name)) {
                        depthInPhonetic++;
                    } else if ("t".equals(name) && depthInPhonetic == 0) {
                        inText = true;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = xml.getLocalName();
                    if ("si".equals(name)) {
                        size++;
                        starts[size] = chars.length();
                    } else if ("rPh".equals(name)) {
                        depthInPhonetic--;
                    } else if ("t".equals(name)) {
                        inText = false;
                    }
                } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                    chars.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
            return new SharedStrings(chars, starts, size);
        } catch (XMLStreamException e) {
            throw new IOException("the shared strings are not valid XML: " + e.getMessage(), e);
        }
    }

    /** The string at an index; empty for an index the table does not have. */
    String get(int index) {
        if (index < 0 || index >= size) {
            return "";
        }
        return chars.substring(starts[index], starts[index + 1]);
    }

    int size() {
        return size;
    }
}
