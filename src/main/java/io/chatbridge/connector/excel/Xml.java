package io.chatbridge.connector.excel;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX readers for workbook parts: no DTDs, no external entities (a workbook is untrusted input). */
final class Xml {

    private static final XMLInputFactory FACTORY = factory();

    private Xml() {}

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = new com.ctc.wstx.stax.WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The attribute's value by local name (any namespace), or null. */
    static String attribute(XMLStreamReader reader, String localName) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (localName.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    /** Escapes text for element content and attribute values. */
    static void escape(CharSequence text, StringBuilder out) {
        int length = text.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null) {
                out.append(text, plain, i).append(replacement);
                plain = i + 1;
            }
        }
        out.append(text, plain, length);
    }

    private static String replacement(char c) {
        if (c >= '?' || c == ' ') {
            return null;
        }
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\r' -> "&#13;";
            case '\n', '\t' -> null;
            default ->
                c < 0x20 ? String.format("_x%04X_", (int) c) : null; // OOXML's escape for characters XML cannot hold
        };
    }
}
