package io.chatbridge.support.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake of the Google Sheets API v4 and Google's OAuth token endpoint, on a real socket, so
 * the real {@code google-api-services-sheets} client and {@code google-auth-library} talk to it over
 * HTTP. It implements what the connector calls ({@code values.get}, {@code values:batchGet},
 * {@code values:append}, {@code values:batchUpdate}, {@code spreadsheets.get}) with Google's request
 * and response shapes, enforces a per-minute quota (429 with Google's body), and injects faults: 429,
 * 503, slow answers and an append that wrote but answered 503.
 */
public final class FakeSheets implements AutoCloseable {

    /** What a request does, for counting and for aiming faults. */
    public enum Kind {
        READ,
        WRITE,
        APPEND
    }

    public enum Fault {
        TOO_MANY_REQUESTS,
        UNAVAILABLE,
        SLOW,
        WROTE_BUT_UNAVAILABLE
    }

    private record Planned(Kind kind, Fault fault) {}

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final FakeSheetsApi api;
    final FakeTokenEndpoint tokens;
    private final Deque<Planned> faults = new ArrayDeque<>();
    private final Map<Kind, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final Deque<Long> readTimes = new ArrayDeque<>();
    private final Deque<Long> writeTimes = new ArrayDeque<>();
    private volatile int quotaPerMinute = 60;
    private volatile boolean down;
    private volatile Duration slowFor = Duration.ofSeconds(3);
    private final DrillFaults drill = new DrillFaults();
    private final Map<Integer, AtomicInteger> answered = new ConcurrentHashMap<>();

    public FakeSheets() {
        this(0);
    }

    /** On a fixed port (0: any free one), for the drill launcher that runs the fake as its own process. */
    public FakeSheets(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        api = new FakeSheetsApi();
        tokens = new FakeTokenEndpoint(this::tokenUrl);
        server.createContext("/token", tokens::handle);
        server.createContext("/v4/spreadsheets/", this::handleApi);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String tokenUrl() {
        return rootUrl() + "token";
    }

    // ---- set-up and inspection used by tests ----

    /** A service-account key file whose {@code token_uri} is this fake's token endpoint. */
    public java.nio.file.Path serviceAccountFile(java.nio.file.Path dir) {
        return tokens.writeServiceAccount(dir);
    }

    /** An OAuth user credentials file (refresh token) whose {@code token_uri} is this fake's. */
    public java.nio.file.Path authorizedUserFile(java.nio.file.Path dir) {
        return tokens.writeAuthorizedUser(dir);
    }

    public int tokensIssued() {
        return tokens.tokensIssued();
    }

    public void createSpreadsheet(String id, String... tabs) {
        api.create(id, tabs);
    }

    /** The tab as staff see it (formatted values), header row first; trailing empties trimmed. */
    public List<List<String>> rows(String spreadsheet, String tab) {
        return api.formattedRows(spreadsheet, tab);
    }

    /** The row whose column {@code header} holds {@code value}, as header to formatted value. */
    public Map<String, String> rowWhere(String spreadsheet, String tab, String header, String value) {
        return api.rowWhere(spreadsheet, tab, header, value);
    }

    /** The raw stored value of a cell (a {@link FakeGrid.Formula} if it was evaluated). */
    public Object cell(String spreadsheet, String tab, String header, String idHeader, String id) {
        return api.cell(spreadsheet, tab, header, idHeader, id);
    }

    /** Staff typing into a cell of the row whose {@code idHeader} is {@code id}. */
    public void edit(String spreadsheet, String tab, String idHeader, String id, String header, Object value) {
        api.edit(spreadsheet, tab, idHeader, id, header, value);
    }

    public void setRow(String spreadsheet, String tab, int rowNumber, List<Object> values) {
        api.setRow(spreadsheet, tab, rowNumber, values);
    }

    /** Staff sorting the data rows (row 2 on) by a column. */
    public void sortBy(String spreadsheet, String tab, String header, boolean descending) {
        api.sortBy(spreadsheet, tab, header, descending);
    }

    /** Staff inserting a row (1-based, before the row now there) with these values. */
    public void insertRow(String spreadsheet, String tab, int rowNumber, List<Object> values) {
        api.insertRow(spreadsheet, tab, rowNumber, values);
    }

    public void deleteRow(String spreadsheet, String tab, int rowNumber) {
        api.deleteRow(spreadsheet, tab, rowNumber);
    }

    public void renameHeader(String spreadsheet, String tab, String from, String to) {
        api.renameHeader(spreadsheet, tab, from, to);
    }

    public int requests(Kind kind) {
        return requests.computeIfAbsent(kind, k -> new AtomicInteger()).get();
    }

    /** Write requests of any kind (batchUpdate and append), including rejected ones. */
    public int writeRequests() {
        return requests(Kind.WRITE) + requests(Kind.APPEND);
    }

    public int rejectedWithQuota() {
        return rejected.get();
    }

    /** The {@code valueInputOption}s the API was called with. */
    public List<String> valueInputOptions() {
        return api.valueInputOptions();
    }

    public synchronized void resetCounters() {
        requests.clear();
        rejected.set(0);
        readTimes.clear();
        writeTimes.clear();
    }

    public void quotaPerMinute(int limit) {
        quotaPerMinute = limit;
    }

    public synchronized void failNext(Kind kind, Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(new Planned(kind, fault));
        }
    }

    /** While down, every API call answers 503 (the token endpoint keeps working). */
    public void down(boolean down) {
        this.down = down;
    }

    public void slowFor(Duration delay) {
        slowFor = delay;
    }

    /** The fault windows switched at run time by the fault drills (see {@link DrillFaults}). */
    public DrillFaults drillFaults() {
        return drill;
    }

    /** Answers given so far, by HTTP status (faults included). */
    public Map<Integer, Integer> answered() {
        Map<Integer, Integer> copy = new java.util.TreeMap<>();
        answered.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }

    /** Serves another path on the fake's socket (the drill launcher's control endpoints). */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---- the API ----

    private void handleApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!tokens.authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(
                        exchange,
                        401,
                        FakeSheetsApi.error(401, "Request had invalid authentication credentials.", "UNAUTHENTICATED"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/v4/spreadsheets/".length());
            Kind kind = kindOf(exchange.getRequestMethod(), path);
            requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            Fault fault = drill.override(kind, plannedFault(kind));
            if (down || fault == Fault.UNAVAILABLE) {
                send(exchange, 503, FakeSheetsApi.error(503, "The service is currently unavailable.", "UNAVAILABLE"));
                return;
            }
            if (fault == Fault.TOO_MANY_REQUESTS || overQuota(kind)) {
                rejected.incrementAndGet();
                send(exchange, 429, FakeSheetsApi.quotaError(kind == Kind.READ ? "Read" : "Write"));
                return;
            }
            byte[] body = body(exchange);
            FakeSheetsApi.Answer answer;
            try {
                answer = api.handle(
                        exchange.getRequestMethod(),
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        body);
            } catch (RuntimeException e) {
                e.printStackTrace();
                answer = new FakeSheetsApi.Answer(500, FakeSheetsApi.error(500, "fake failed: " + e, "INTERNAL"));
            }
            if (fault == Fault.SLOW) {
                sleep(slowFor); // done, but the answer comes too late for a client with a shorter timeout
            }
            if (fault == Fault.WROTE_BUT_UNAVAILABLE && answer.status() == 200) {
                send(exchange, 503, FakeSheetsApi.error(503, "The service is currently unavailable.", "UNAVAILABLE"));
                return;
            }
            send(exchange, answer.status(), answer.body());
        }
    }

    /** The Google client gzips request bodies, as Google accepts. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (var in = new java.util.zip.GZIPInputStream(exchange.getRequestBody())) {
                return in.readAllBytes();
            }
        }
        return exchange.getRequestBody().readAllBytes();
    }

    private static Kind kindOf(String method, String path) {
        if ("GET".equals(method)) {
            return Kind.READ;
        }
        return path.endsWith(":append") ? Kind.APPEND : Kind.WRITE;
    }

    private synchronized Fault plannedFault(Kind kind) {
        for (Planned planned : faults) {
            if (planned.kind() == kind || (planned.kind() == Kind.WRITE && kind == Kind.APPEND)) {
                faults.remove(planned);
                return planned.fault();
            }
        }
        return null;
    }

    /** Google's per-minute-per-user quota, as a sliding minute (stricter than Google's refill). */
    private synchronized boolean overQuota(Kind kind) {
        Deque<Long> times = kind == Kind.READ ? readTimes : writeTimes;
        long now = System.nanoTime();
        while (!times.isEmpty() && now - times.peekFirst() > 60_000_000_000L) {
            times.removeFirst();
        }
        if (times.size() >= quotaPerMinute) {
            return true;
        }
        times.addLast(now);
        return false;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        answered.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        sendJson(exchange, status, body);
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
