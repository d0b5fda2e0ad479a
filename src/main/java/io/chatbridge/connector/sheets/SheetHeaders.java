package io.chatbridge.connector.sheets;

import io.chatbridge.connector.sheets.SheetsClient.CellWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a tab's header row against a binding: creates it in an empty tab, adds mapped columns that
 * were never there at the end (never reordering or deleting anyone's columns), and stops the binding
 * when a header it used to find was renamed or removed, rather than writing somewhere else.
 */
final class SheetHeaders {

    private SheetHeaders() {}

    /** The header row after any additions, and the write that makes it so (if one is needed). */
    record Plan(List<String> headers, Optional<CellWrite> write) {}

    static Plan plan(SheetsBinding binding, List<String> current, List<String> known) throws BindingStoppedException {
        List<String> headers = new ArrayList<>(current);
        while (!headers.isEmpty() && headers.get(headers.size() - 1).isEmpty()) {
            headers.remove(headers.size() - 1);
        }
        List<String> gone = binding.columns().keySet().stream()
                .filter(h -> !headers.contains(h) && known.contains(h))
                .toList();
        if (!gone.isEmpty()) {
            throw new BindingStoppedException(
                    "Tab '" + binding.tab() + "' no longer has the column" + (gone.size() > 1 ? "s " : " ")
                            + String.join(
                                    ", ", gone.stream().map(h -> "'" + h + "'").toList())
                            + ". Someone renamed or removed it; put the header back (or change the mapping) and syncing resumes.");
        }
        List<String> missing = binding.columns().keySet().stream()
                .filter(h -> !headers.contains(h))
                .toList();
        if (missing.isEmpty()) {
            return new Plan(headers, Optional.empty());
        }
        int first = headers.size();
        headers.addAll(missing);
        List<Object> cells = new ArrayList<>(missing);
        String range = binding.quotedTab() + "!" + SheetCells.column(first) + "1";
        return new Plan(headers, Optional.of(new CellWrite(range, List.of(cells))));
    }

    /** The mapped headers present, to remember which ones existed. */
    static List<String> mapped(SheetsBinding binding, List<String> headers) {
        return binding.columns().keySet().stream().filter(headers::contains).toList();
    }
}
