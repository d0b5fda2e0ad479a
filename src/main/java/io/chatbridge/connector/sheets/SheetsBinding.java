package io.chatbridge.connector.sheets;

import io.chatbridge.mapping.ConnectorSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record type bound to one tab of one spreadsheet, from the {@code connectors.sheets} section
 * of its mapping. Columns are found by header name, never by position; the record-id column is the
 * one mapped to {@code id}.
 *
 * @param type the record type ({@code booking})
 * @param spreadsheetId the id in the sheet's URL ({@code docs.google.com/spreadsheets/d/<id>/edit})
 * @param tab the tab's title
 * @param columns header to field, in the order new headers are written; {@code id} is the record id and
 *     {@code status} the record's status
 * @param sheetOwned fields the sheet owns: read back by the poller and applied with origin {@code sheets}
 * @param fieldTypes field to its mapping type ({@code integer}, {@code date}, …), to read cells back
 * @param newStatus the status a record created from a hand-added row starts with when its cell is empty
 * @param recreateDeleted whether a record whose row staff deleted is appended again on its next change
 */
public record SheetsBinding(
        String type,
        String spreadsheetId,
        String tab,
        Map<String, String> columns,
        Set<String> sheetOwned,
        Map<String, String> fieldTypes,
        String newStatus,
        boolean recreateDeleted) {

    public static final String ID_FIELD = "id";
    public static final String STATUS_FIELD = "status";

    public SheetsBinding {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        sheetOwned = Collections.unmodifiableSet(new LinkedHashSet<>(sheetOwned));
        fieldTypes = Map.copyOf(fieldTypes);
        if (!columns.containsValue(ID_FIELD)) {
            throw new IllegalArgumentException("the sheets binding of " + type + " maps no column to `id`");
        }
    }

    /** Identifies the binding in the sync state tables and the lock. */
    public String key() {
        return type + "/" + spreadsheetId + "/" + tab;
    }

    public String idHeader() {
        return ConnectorSettings.idHeader(columns);
    }

    /** Headers of the columns chatbridge fills (everything but the id column). */
    public List<String> dataHeaders() {
        return ConnectorSettings.dataHeaders(columns);
    }

    public boolean ownedBySheet(String header) {
        return sheetOwned.contains(columns.get(header));
    }

    /** The tab name as A1 notation wants it: quoted when it holds anything but letters, digits, {@code _}. */
    public String quotedTab() {
        return tab.matches("[A-Za-z0-9_]+") ? tab : "'" + tab.replace("'", "''") + "'";
    }
}
