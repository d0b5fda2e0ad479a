package io.chatbridge.connector.sheets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a tab's header row and id column in one {@code values:batchGet}. Where the id column is, is
 * remembered per binding, so the usual case is a single read; when someone moved the column, the
 * header row shows it and the column is read again from its new place.
 */
final class SheetReader {

    private final SheetsClient client;
    private final SheetsSyncStore store;
    private final Map<String, Integer> idColumns = new ConcurrentHashMap<>();

    SheetReader(SheetsClient client, SheetsSyncStore store) {
        this.client = client;
        this.store = store;
    }

    SheetView view(SheetsBinding binding) throws SheetsApiException, BindingStoppedException {
        int guess = idColumns.getOrDefault(binding.key(), 0);
        List<List<List<Object>>> read = read(binding, guess);
        List<String> headers = SheetView.headersOf(read.get(0));
        int actual = headers.indexOf(binding.idHeader());
        if (actual >= 0 && actual != guess) {
            idColumns.put(binding.key(), actual);
            read = read(binding, actual);
            headers = SheetView.headersOf(read.get(0));
        }
        if (actual < 0) {
            return new SheetView(headers, List.of(), 1);
        }
        return new SheetView(headers, read.get(1), 1);
    }

    private List<List<List<Object>>> read(SheetsBinding binding, int idColumn)
            throws SheetsApiException, BindingStoppedException {
        String tab = binding.quotedTab();
        String column = SheetCells.column(idColumn);
        try {
            return client.read(binding.spreadsheetId(), List.of(tab + "!1:1", tab + "!" + column + ":" + column));
        } catch (SheetsApiException e) {
            if (e.status() == 400 && !client.tabs(binding.spreadsheetId()).contains(binding.tab())) {
                String problem = "Spreadsheet " + binding.spreadsheetId() + " has no tab '" + binding.tab()
                        + "'. Create it (or fix the mapping) and syncing resumes.";
                store.stop(binding.key(), "tab_missing", problem);
                throw new BindingStoppedException(problem);
            }
            throw e;
        }
    }
}
