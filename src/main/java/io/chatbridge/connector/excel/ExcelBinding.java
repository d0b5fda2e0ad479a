package io.chatbridge.connector.excel;

import io.chatbridge.mapping.ConnectorSettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record type bound to one sheet of one .xlsx workbook, from {@code connectors.excel} of its
 * mapping. Columns are found by header, never by position; rows by the record id in the column mapped
 * to {@code id}.
 *
 * @param type the record type ({@code booking})
 * @param workbook the .xlsx file; created (with the header row) when it does not exist
 * @param sheet the sheet's name
 * @param columns header to field, in the order new headers are written
 * @param owned fields the workbook owns (owner includes {@code excel}): never overwritten on an existing
 *     row unless the record changed them
 * @param fieldTypes field to its mapping type, to type cells ({@code date}, {@code money} …)
 * @param newStatus the status of a record made from a hand-added row whose status cell is empty
 */
public record ExcelBinding(
        String type,
        Path workbook,
        String sheet,
        Map<String, String> columns,
        Set<String> owned,
        Map<String, String> fieldTypes,
        String newStatus) {

    public static final String ID_FIELD = "id";
    public static final String STATUS_FIELD = "status";

    public ExcelBinding {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        owned = Collections.unmodifiableSet(new LinkedHashSet<>(owned));
        fieldTypes = Map.copyOf(fieldTypes);
        if (!columns.containsValue(ID_FIELD)) {
            throw new IllegalArgumentException("the excel binding of " + type + " maps no column to `id`");
        }
    }

    /** Identifies the binding in the sync tables and the lock. */
    public String key() {
        return type + "/" + workbook + "/" + sheet;
    }

    public String idHeader() {
        return ConnectorSettings.idHeader(columns);
    }

    /** Headers of the columns chatbridge fills (everything but the id column). */
    public List<String> dataHeaders() {
        return ConnectorSettings.dataHeaders(columns);
    }

    String typeOf(String field) {
        return fieldTypes.get(field);
    }
}
