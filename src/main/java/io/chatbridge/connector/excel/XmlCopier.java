package io.chatbridge.connector.excel;

import java.io.IOException;
import java.io.Writer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Writes what a StAX reader reads, event by event, with the same prefixes, namespace declarations and
 * attributes, so a part passes through unchanged except where the caller steps in. Output is
 * buffered and flushed in chunks, so memory does not grow with the part.
 */
final class XmlCopier {

    private static final int FLUSH_AT = 1 << 16;

    private final XMLStreamReader xml;
    private final Writer out;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);
    private boolean held;

    XmlCopier(XMLStreamReader xml, Writer out) {
        this.xml = xml;
        this.out = out;
    }

    XMLStreamReader reader() {
        return xml;
    }

    StringBuilder out() {
        return buffer;
    }

    void declaration() {
        buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    }

    /** Copies the current event (not a start element's subtree, just the event). */
    void copy() throws IOException {
        switch (xml.getEventType()) {
            case XMLStreamConstants.START_ELEMENT -> startTag(null, null, true);
            case XMLStreamConstants.END_ELEMENT -> endTag();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA ->
                Xml.escape(
                        new CharSequenceSlice(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength()),
                        buffer);
            case XMLStreamConstants.COMMENT ->
                buffer.append("<!--").append(xml.getText()).append("-->");
            case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                buffer.append("<?")
                        .append(xml.getPITarget())
                        .append(' ')
                        .append(xml.getPIData())
                        .append("?>");
            default -> {
                // the declaration is written by declaration(); DTDs are not allowed in workbook parts
            }
        }
        flushIfFull();
    }

    /** Writes the current start tag with one attribute replaced ({@code replaceName} null: none), or dropped. */
    void startTag(String replaceName, String replaceValue, boolean close) throws IOException {
        buffer.append('<');
        name(xml.getPrefix(), xml.getLocalName());
        for (int i = 0; i < xml.getNamespaceCount(); i++) {
            String prefix = xml.getNamespacePrefix(i);
            buffer.append(prefix == null || prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix)
                    .append("=\"");
            Xml.escape(xml.getNamespaceURI(i), buffer);
            buffer.append('"');
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String local = xml.getAttributeLocalName(i);
            String prefix = xml.getAttributePrefix(i);
            boolean replaced = local.equals(replaceName) && (prefix == null || prefix.isEmpty());
            if (replaced && replaceValue == null) {
                continue;
            }
            buffer.append(' ');
            name(prefix, local);
            buffer.append("=\"");
            Xml.escape(replaced ? replaceValue : xml.getAttributeValue(i), buffer);
            buffer.append('"');
        }
        if (close) {
            buffer.append('>');
        }
        flushIfFull();
    }

    void endTag() throws IOException {
        buffer.append("</");
        name(xml.getPrefix(), xml.getLocalName());
        buffer.append('>');
        flushIfFull();
    }

    /** Reads past the current start element's subtree without writing it. */
    void skipSubtree() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Copies the current start element and its whole subtree. */
    void copySubtree() throws XMLStreamException, IOException {
        copy();
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            copy();
        }
    }

    /**
     * While held, nothing is flushed, so a caller may take back what it copied (a row it is about to
     * rewrite); {@link #release} flushes if the buffer filled up meanwhile.
     */
    void hold() {
        held = true;
    }

    void release() throws IOException {
        held = false;
        flushIfFull();
    }

    void flushIfFull() throws IOException {
        if (!held && buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    void flush() throws IOException {
        out.append(buffer);
        buffer.setLength(0);
    }

    private void name(String prefix, String local) {
        if (prefix != null && !prefix.isEmpty()) {
            buffer.append(prefix).append(':');
        }
        buffer.append(local);
    }

    /** A view of the reader's character array, so text is escaped without copying it into a String. */
    private record CharSequenceSlice(char[] buffer, int start, int length) implements CharSequence {
        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return buffer[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new String(buffer, start + from, to - from);
        }

        @Override
        public String toString() {
            return new String(buffer, start, length);
        }
    }
}
