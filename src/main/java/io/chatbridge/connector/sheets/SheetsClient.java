package io.chatbridge.connector.sheets;

import java.util.List;

/**
 * The one seam to the Google Sheets API v4. Values are written {@code RAW} and read as the sheet
 * shows them ({@code FORMATTED_VALUE}). A non-2xx answer or a timeout becomes a
 * {@link SheetsApiException} saying whether a retry can help and whether the call may have written.
 */
public interface SheetsClient {

    /** A range and the rows to write into it. */
    record CellWrite(String range, List<List<Object>> values) {}

    /** Titles of the spreadsheet's tabs ({@code spreadsheets.get}). */
    List<String> tabs(String spreadsheetId) throws SheetsApiException;

    /** {@code values:batchGet}: the rows of each range, trailing empty cells and rows left out. */
    List<List<List<Object>>> read(String spreadsheetId, List<String> ranges) throws SheetsApiException;

    /** {@code values:batchUpdate} with {@code RAW}: every write in one request. */
    void update(String spreadsheetId, List<CellWrite> writes) throws SheetsApiException;

    /**
     * {@code values:append} with {@code RAW} and {@code INSERT_ROWS}; returns {@code updates.updatedRange}.
     * Not idempotent: after a failure that {@link SheetsApiException#mayHaveWritten() may have written},
     * read the id column before trying again.
     */
    String append(String spreadsheetId, String range, List<List<Object>> rows) throws SheetsApiException;
}
