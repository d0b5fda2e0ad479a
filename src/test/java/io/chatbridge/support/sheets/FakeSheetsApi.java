package io.chatbridge.support.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.support.sheets.FakeGrid.Formula;
import io.chatbridge.support.sheets.FakeGrid.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spreadsheets behind {@link FakeSheets}: requests in Google's shapes in, Google's shapes out.
 * Every method is synchronized, as Google serialises requests to one spreadsheet.
 */
final class FakeSheetsApi {

    record Answer(int status, Object body) {}

    private final Map<String, Map<String, FakeGrid>> spreadsheets = new LinkedHashMap<>();
    private final List<String> valueInputOptions = new ArrayList<>();
    private int nextSheetId = 1;

    synchronized void create(String id, String... tabs) {
        Map<String, FakeGrid> grids = new LinkedHashMap<>();
        for (String tab : tabs) {
            grids.put(tab, new FakeGrid(tab, nextSheetId++));
        }
        spreadsheets.put(id, grids);
    }

    synchronized Answer handle(String method, String path, String rawQuery, byte[] body) {
        Map<String, List<String>> query = FakeSheets.query(rawQuery);
        int slash = path.indexOf('/');
        String id = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? "" : path.substring(slash + 1);
        Map<String, FakeGrid> book = spreadsheets.get(id.replace(":batchUpdate", ""));
        if (book == null) {
            return new Answer(404, error(404, "Requested entity was not found.", "NOT_FOUND"));
        }
        try {
            if ("GET".equals(method) && rest.isEmpty()) {
                return new Answer(200, metadata(id, book));
            }
            if ("GET".equals(method) && rest.equals("values:batchGet")) {
                List<Object> ranges = new ArrayList<>();
                for (String range : query.getOrDefault("ranges", List.of())) {
                    ranges.add(valueRange(book, range, render(query)));
                }
                return new Answer(200, Map.of("spreadsheetId", id, "valueRanges", ranges));
            }
            if ("GET".equals(method) && rest.startsWith("values/")) {
                return new Answer(200, valueRange(book, rest.substring("values/".length()), render(query)));
            }
            if ("POST".equals(method) && rest.equals("values:batchUpdate")) {
                return batchUpdate(id, book, FakeSheets.read(body));
            }
            if ("POST".equals(method) && rest.startsWith("values/") && rest.endsWith(":append")) {
                String range = rest.substring("values/".length(), rest.length() - ":append".length());
                return append(id, book, range, query, FakeSheets.read(body));
            }
        } catch (IllegalArgumentException e) {
            return new Answer(400, error(400, e.getMessage(), "INVALID_ARGUMENT"));
        }
        return new Answer(404, error(404, "Not found: " + method + " " + path, "NOT_FOUND"));
    }

    private static Map<String, Object> metadata(String id, Map<String, FakeGrid> book) {
        List<Object> sheets = new ArrayList<>();
        int index = 0;
        for (FakeGrid grid : book.values()) {
            sheets.add(Map.of(
                    "properties",
                    Map.of(
                            "sheetId",
                            grid.sheetId,
                            "title",
                            grid.title,
                            "index",
                            index++,
                            "sheetType",
                            "GRID",
                            "gridProperties",
                            Map.of("rowCount", grid.height(), "columnCount", grid.width()))));
        }
        return Map.of("spreadsheetId", id, "properties", Map.of("title", "Fake " + id), "sheets", sheets);
    }

    private static String render(Map<String, List<String>> query) {
        return query.getOrDefault("valueRenderOption", List.of("FORMATTED_VALUE"))
                .get(0);
    }

    private static FakeGrid grid(Map<String, FakeGrid> book, Range range) {
        FakeGrid grid = book.get(range.tab());
        if (grid == null) {
            throw new IllegalArgumentException("Unable to parse range: " + range.tab());
        }
        return grid;
    }

    private static Map<String, Object> valueRange(Map<String, FakeGrid> book, String a1, String render) {
        Range range = FakeGrid.parse(a1);
        FakeGrid grid = grid(book, range);
        int lastRow = range.lastRow() < 0 ? grid.height() - 1 : range.lastRow();
        int lastCol = range.lastCol() < 0 ? grid.width() - 1 : range.lastCol();
        List<List<Object>> values = new ArrayList<>();
        for (int r = range.firstRow(); r <= lastRow && r < grid.rows.size(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = range.firstCol(); c <= lastCol; c++) {
                Object value = grid.get(r, c);
                row.add(
                        value == null
                                ? ""
                                : "FORMATTED_VALUE".equals(render)
                                        ? FakeGrid.formatted(value)
                                        : FakeGrid.unformatted(value));
            }
            while (!row.isEmpty() && "".equals(row.get(row.size() - 1))) {
                row.remove(row.size() - 1);
            }
            values.add(row);
        }
        while (!values.isEmpty() && values.get(values.size() - 1).isEmpty()) {
            values.remove(values.size() - 1);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("range", grid.a1(range.firstRow(), range.firstCol(), lastRow, lastCol));
        answer.put("majorDimension", "ROWS");
        if (!values.isEmpty()) {
            answer.put("values", values);
        }
        return answer;
    }

    private String inputOption(String option) {
        if (option == null || !List.of("RAW", "USER_ENTERED").contains(option)) {
            throw new IllegalArgumentException("Invalid valueInputOption: " + option);
        }
        valueInputOptions.add(option);
        return option;
    }

    private Answer batchUpdate(String id, Map<String, FakeGrid> book, JsonNode request) {
        String option = inputOption(request.path("valueInputOption").asText(null));
        List<Object> responses = new ArrayList<>();
        int cells = 0;
        int rows = 0;
        for (JsonNode data : request.path("data")) {
            Range range = FakeGrid.parse(data.path("range").asText());
            FakeGrid grid = grid(book, range);
            int[] written = write(grid, range.firstRow(), range.firstCol(), data.path("values"), option);
            rows += written[0];
            cells += written[2];
            responses.add(Map.of(
                    "spreadsheetId",
                    id,
                    "updatedRange",
                    grid.a1(
                            range.firstRow(),
                            range.firstCol(),
                            range.firstRow() + written[0] - 1,
                            range.firstCol() + written[1] - 1),
                    "updatedRows",
                    written[0],
                    "updatedColumns",
                    written[1],
                    "updatedCells",
                    written[2]));
        }
        return new Answer(
                200,
                Map.of(
                        "spreadsheetId",
                        id,
                        "totalUpdatedRows",
                        rows,
                        "totalUpdatedCells",
                        cells,
                        "totalUpdatedSheets",
                        responses.isEmpty() ? 0 : 1,
                        "responses",
                        responses));
    }

    private Answer append(
            String id, Map<String, FakeGrid> book, String a1, Map<String, List<String>> query, JsonNode body) {
        List<String> options = query.get("valueInputOption");
        String option = inputOption(options == null ? null : options.get(0));
        Range range = FakeGrid.parse(a1);
        FakeGrid grid = grid(book, range);
        int lastCol = range.lastCol() < 0 ? grid.width() - 1 : range.lastCol();
        int tableEnd = grid.lastUsedRow(range.firstCol(), lastCol);
        int first = Math.max(tableEnd + 1, range.firstRow());
        int[] written = write(grid, first, range.firstCol(), body.path("values"), option);
        Map<String, Object> updates = new LinkedHashMap<>();
        updates.put("spreadsheetId", id);
        updates.put(
                "updatedRange",
                grid.a1(first, range.firstCol(), first + written[0] - 1, range.firstCol() + written[1] - 1));
        updates.put("updatedRows", written[0]);
        updates.put("updatedColumns", written[1]);
        updates.put("updatedCells", written[2]);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("spreadsheetId", id);
        if (tableEnd >= 0) {
            answer.put("tableRange", grid.a1(0, range.firstCol(), tableEnd, lastCol));
        }
        answer.put("updates", updates);
        return new Answer(200, answer);
    }

    /** Writes values from (row, col); null skips a cell, "" clears it. Returns rows, columns, cells. */
    private static int[] write(FakeGrid grid, int row, int col, JsonNode values, String option) {
        int width = 0;
        int cells = 0;
        int r = row;
        for (JsonNode rowValues : values) {
            int c = col;
            for (JsonNode value : rowValues) {
                if (!value.isNull()) {
                    grid.set(r, c, cellValue(value, option));
                    cells++;
                }
                c++;
            }
            width = Math.max(width, c - col);
            r++;
        }
        return new int[] {r - row, width, cells};
    }

    private static Object cellValue(JsonNode value, String option) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText();
        if ("USER_ENTERED".equals(option) && (text.startsWith("=") || text.startsWith("+"))) {
            return new Formula(text);
        }
        return text;
    }

    // ---- staff actions and inspection ----

    synchronized List<List<String>> formattedRows(String spreadsheet, String tab) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> row : grid.rows) {
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(v == null ? "" : String.valueOf(FakeGrid.formatted(v))));
            while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                cells.remove(cells.size() - 1);
            }
            rows.add(cells);
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    synchronized Map<String, String> rowWhere(String spreadsheet, String tab, String header, String value) {
        List<List<String>> rows = formattedRows(spreadsheet, tab);
        List<String> headers = rows.isEmpty() ? List.of() : rows.get(0);
        int col = headers.indexOf(header);
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            if (col >= 0 && col < row.size() && value.equals(row.get(col))) {
                Map<String, String> named = new LinkedHashMap<>();
                for (int c = 0; c < headers.size(); c++) {
                    named.put(headers.get(c), c < row.size() ? row.get(c) : "");
                }
                return named;
            }
        }
        return null;
    }

    private int rowIndex(FakeGrid grid, String idHeader, String id) {
        int col = column(grid, idHeader);
        for (int r = 1; r < grid.rows.size(); r++) {
            if (Objects.equals(id, String.valueOf(FakeGrid.formatted(grid.get(r, col))))) {
                return r;
            }
        }
        throw new IllegalArgumentException("no row with " + idHeader + " = " + id);
    }

    private static int column(FakeGrid grid, String header) {
        for (int c = 0; c < grid.width(); c++) {
            if (header.equals(grid.get(0, c))) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + header);
    }

    synchronized Object cell(String spreadsheet, String tab, String header, String idHeader, String id) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        return grid.get(rowIndex(grid, idHeader, id), column(grid, header));
    }

    synchronized void edit(String spreadsheet, String tab, String idHeader, String id, String header, Object value) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        grid.set(rowIndex(grid, idHeader, id), column(grid, header), value);
    }

    synchronized void setRow(String spreadsheet, String tab, int rowNumber, List<Object> values) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        for (int c = 0; c < values.size(); c++) {
            grid.set(rowNumber - 1, c, values.get(c));
        }
    }

    synchronized void sortBy(String spreadsheet, String tab, String header, boolean descending) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        int col = column(grid, header);
        List<List<Object>> data = new ArrayList<>(grid.rows.subList(1, grid.rows.size()));
        Comparator<List<Object>> order = Comparator.comparing(
                row -> col < row.size() && row.get(col) != null ? String.valueOf(row.get(col)) : "");
        data.sort(descending ? order.reversed() : order);
        grid.rows.subList(1, grid.rows.size()).clear();
        grid.rows.addAll(data);
    }

    synchronized void insertRow(String spreadsheet, String tab, int rowNumber, List<Object> values) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        grid.rows.add(rowNumber - 1, new ArrayList<>(values));
    }

    synchronized void deleteRow(String spreadsheet, String tab, int rowNumber) {
        spreadsheets.get(spreadsheet).get(tab).rows.remove(rowNumber - 1);
    }

    synchronized void renameHeader(String spreadsheet, String tab, String from, String to) {
        FakeGrid grid = spreadsheets.get(spreadsheet).get(tab);
        grid.set(0, column(grid, from), to);
    }

    synchronized List<String> valueInputOptions() {
        return List.copyOf(valueInputOptions);
    }

    static Map<String, Object> error(int code, String message, String status) {
        return Map.of("error", Map.of("code", code, "message", message, "status", status));
    }

    static Map<String, Object> quotaError(String what) {
        return Map.of(
                "error",
                Map.of(
                        "code",
                        429,
                        "status",
                        "RESOURCE_EXHAUSTED",
                        "message",
                        "Quota exceeded for quota metric '" + what + " requests' and limit '" + what
                                + " requests per minute per user' of service 'sheets.googleapis.com' for consumer "
                                + "'project_number:123456789'.",
                        "details",
                        List.of(Map.of(
                                "@type",
                                "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason",
                                "RATE_LIMIT_EXCEEDED",
                                "domain",
                                "googleapis.com",
                                "metadata",
                                Map.of(
                                        "quota_limit",
                                        what + "RequestsPerMinutePerUser",
                                        "quota_metric",
                                        "sheets.googleapis.com/" + what.toLowerCase() + "_requests",
                                        "service",
                                        "sheets.googleapis.com")))));
    }
}
