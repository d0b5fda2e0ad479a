package io.chatbridge.connector.excel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The workbook's styles part, changed only to add the cell formats chatbridge needs (a date format,
 * a currency format per currency) when the workbook does not have them yet. The styles part is small
 * (kilobytes, whatever the number of rows), so it is edited as a DOM; everything in it is kept.
 */
final class CellStyles {

    private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final int FIRST_CUSTOM_FORMAT = 164;

    private final Document document;
    private final Map<String, Integer> indexes = new HashMap<>();
    private boolean changed;

    private CellStyles(Document document) {
        this.document = document;
    }

    static CellStyles read(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new CellStyles(factory.newDocumentBuilder().parse(in));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the workbook's styles are not valid XML: " + e.getMessage(), e);
        }
    }

    /** The cell format ({@code s}) index showing numbers with {@code formatCode}, added if missing. */
    int indexOf(String formatCode) {
        return indexes.computeIfAbsent(formatCode, this::findOrAdd);
    }

    /** Cell format indexes for every format a batch needs. */
    Map<String, Integer> indexesOf(Set<String> formatCodes) {
        Map<String, Integer> result = new HashMap<>();
        formatCodes.forEach(code -> result.put(code, indexOf(code)));
        return result;
    }

    boolean changed() {
        return changed;
    }

    byte[] bytes() throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IOException(e);
        }
    }

    private int findOrAdd(String formatCode) {
        int formatId = formatId(formatCode);
        Element xfs = child(document.getDocumentElement(), "cellXfs", "fonts");
        NodeList list = xfs.getElementsByTagNameNS(NS, "xf");
        for (int i = 0; i < list.getLength(); i++) {
            Element xf = (Element) list.item(i);
            if (String.valueOf(formatId).equals(xf.getAttribute("numFmtId"))
                    && "0".equals(attr(xf, "fontId"))
                    && "0".equals(attr(xf, "fillId"))
                    && "0".equals(attr(xf, "borderId"))) {
                return i;
            }
        }
        Element xf = document.createElementNS(NS, "xf");
        xf.setAttribute("numFmtId", String.valueOf(formatId));
        xf.setAttribute("fontId", "0");
        xf.setAttribute("fillId", "0");
        xf.setAttribute("borderId", "0");
        xf.setAttribute("xfId", "0");
        xf.setAttribute("applyNumberFormat", "1");
        xfs.appendChild(xf);
        xfs.setAttribute("count", String.valueOf(list.getLength()));
        changed = true;
        return list.getLength() - 1;
    }

    private int formatId(String formatCode) {
        Element formats = child(document.getDocumentElement(), "numFmts", null);
        NodeList list = formats.getElementsByTagNameNS(NS, "numFmt");
        int highest = FIRST_CUSTOM_FORMAT - 1;
        for (int i = 0; i < list.getLength(); i++) {
            Element format = (Element) list.item(i);
            int id = Integer.parseInt(format.getAttribute("numFmtId"));
            if (formatCode.equals(format.getAttribute("formatCode"))) {
                return id;
            }
            highest = Math.max(highest, id);
        }
        Element format = document.createElementNS(NS, "numFmt");
        format.setAttribute("numFmtId", String.valueOf(highest + 1));
        format.setAttribute("formatCode", formatCode);
        formats.appendChild(format);
        formats.setAttribute("count", String.valueOf(list.getLength()));
        changed = true;
        return highest + 1;
    }

    /** The child element with this name, created (before {@code before}, or first) when missing. */
    private Element child(Element parent, String name, String before) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        Element created =
                document.createElementNS(NS, parent.getPrefix() == null ? name : parent.getPrefix() + ":" + name);
        created.setAttribute("count", "0");
        Node anchor = parent.getFirstChild();
        if (before != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && before.equals(e.getLocalName())) {
                    anchor = e.getNextSibling();
                }
            }
        }
        parent.insertBefore(created, anchor);
        changed = true;
        return created;
    }

    private static String attr(Element element, String name) {
        String value = element.getAttribute(name);
        return value.isEmpty() ? "0" : value;
    }
}
