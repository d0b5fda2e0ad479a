package io.chatbridge.connector.excel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * An .xlsx opened as what it is, a zip of XML parts, without loading it: finds the part of a sheet
 * by its name (workbook.xml and its relationships), the shared strings and the styles. Everything
 * else is left to be copied byte for byte.
 */
final class WorkbookPackage implements Closeable {

    private final ZipFile zip;
    private final String workbookPart;
    private final Map<String, String> sheets = new LinkedHashMap<>();
    private final Map<String, String> related = new LinkedHashMap<>();

    private WorkbookPackage(ZipFile zip) throws IOException, XMLStreamException, WorkbookException {
        this.zip = zip;
        this.workbookPart = officeDocument();
        Map<String, String[]> rels = relationships(workbookPart);
        readSheets(rels);
        rels.values().forEach(r -> related.put(r[0], r[1]));
    }

    static WorkbookPackage open(Path file) throws WorkbookException {
        ZipFile zip = null;
        try {
            zip = ZipFile.builder().setPath(file).get();
            return new WorkbookPackage(zip);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            closeQuietly(zip);
            throw new WorkbookException(
                    WorkbookException.Kind.WORKBOOK_UNREADABLE,
                    "The workbook " + file.getFileName() + " is not a readable .xlsx file (" + e.getMessage()
                            + "). chatbridge leaves it untouched; restore it or move it away and a new one is created.",
                    e);
        } catch (WorkbookException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    /** The zip entry of the sheet with this name. */
    String sheetPart(String sheet) throws WorkbookException {
        String part = sheets.get(sheet);
        if (part == null) {
            throw new WorkbookException(
                    WorkbookException.Kind.SHEET_MISSING,
                    "The workbook has no sheet '" + sheet + "' (it has "
                            + String.join(
                                    ", ",
                                    sheetNames().stream()
                                            .map(s -> "'" + s + "'")
                                            .toList()) + "). Rename the sheet back or change the mapping.");
        }
        return part;
    }

    List<String> sheetNames() {
        return new ArrayList<>(sheets.keySet());
    }

    Optional<String> sharedStringsPart() {
        return partOfType("/sharedStrings");
    }

    Optional<String> stylesPart() {
        return partOfType("/styles");
    }

    /** Table parts (Excel tables, ListObjects) of a sheet, which carry their own range. */
    List<String> tableParts(String sheetPart) throws IOException {
        List<String> tables = new ArrayList<>();
        try {
            for (String[] rel : relationships(sheetPart).values()) {
                if (rel[0].endsWith("/table")) {
                    tables.add(rel[1]);
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("the sheet's relationships are not valid XML: " + e.getMessage(), e);
        }
        return tables;
    }

    InputStream read(String part) throws IOException {
        ZipArchiveEntry entry = zip.getEntry(part);
        if (entry == null) {
            throw new IOException("the workbook has no part " + part);
        }
        return zip.getInputStream(entry);
    }

    ZipFile zip() {
        return zip;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private Optional<String> partOfType(String typeSuffix) {
        return related.entrySet().stream()
                .filter(e -> e.getKey().endsWith(typeSuffix))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private String officeDocument() throws IOException, XMLStreamException, WorkbookException {
        for (String[] rel : relationships("").values()) {
            if (rel[0].endsWith("/officeDocument")) {
                return rel[1];
            }
        }
        throw new WorkbookException(WorkbookException.Kind.WORKBOOK_UNREADABLE, "the file holds no workbook part");
    }

    private void readSheets(Map<String, String[]> rels) throws IOException, XMLStreamException {
        try (InputStream in = read(workbookPart)) {
            XMLStreamReader xml = Xml.reader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
                    String[] rel = rels.get(Xml.attribute(xml, "id"));
                    if (rel != null) {
                        sheets.put(Xml.attribute(xml, "name"), rel[1]);
                    }
                }
            }
        }
    }

    /** Relationship id to {type, resolved part name} for the part (or the package, for ""). */
    private Map<String, String[]> relationships(String part) throws IOException, XMLStreamException {
        String folder = part.contains("/") ? part.substring(0, part.lastIndexOf('/') + 1) : "";
        String relsPart = folder + "_rels/" + part.substring(folder.length()) + ".rels";
        Map<String, String[]> rels = new LinkedHashMap<>();
        if (zip.getEntry(relsPart) == null) {
            return rels;
        }
        try (InputStream in = read(relsPart)) {
            XMLStreamReader xml = Xml.reader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())) {
                    if ("External".equals(Xml.attribute(xml, "TargetMode"))) {
                        continue;
                    }
                    String target = Xml.attribute(xml, "Target");
                    rels.put(Xml.attribute(xml, "Id"), new String[] {Xml.attribute(xml, "Type"), resolve(folder, target)
                    });
                }
            }
        }
        return rels;
    }

    private static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if ("..".equals(segment) && !parts.isEmpty()) {
                parts.remove(parts.size() - 1);
            } else if (!segment.isEmpty() && !".".equals(segment)) {
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }

    private static void closeQuietly(ZipFile zip) {
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one worth reporting
            }
        }
    }
}
