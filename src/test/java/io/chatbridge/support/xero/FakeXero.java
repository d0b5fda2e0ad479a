package io.chatbridge.support.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake of Xero's Accounting API and identity server on a real socket, so the real
 * {@code xero-java} SDK talks to it over HTTP: the client-credentials token endpoint, {@code GET
 * /Invoices} (filters, 100 a page, {@code If-Modified-Since}), {@code PUT|POST /Payments} (batches,
 * {@code summarizeErrors}, {@code Idempotency-Key}: a repeated key gets the first answer back and pays
 * nothing), Xero's JSON shapes for results and validation errors, and its limits (60 calls a minute
 * and 5 at once per tenant, answered 429 with {@code Retry-After}). Faults can be planned for the next
 * payment calls: 429, 503, 500, and a 503 after the payments were applied. It counts everything.
 */
public final class FakeXero implements AutoCloseable {

    public static final String CLIENT_ID = "FAKECLIENTID0000000000000000000";
    public static final String CLIENT_SECRET = "fake-client-secret";
    public static final String TENANT_ID = "9f8c0e2c-5e5a-4c7b-8b5b-1d2f3a4b5c6d";

    /** What the next payment call gets instead of (or after) being applied. */
    public enum Fault {
        TOO_MANY_REQUESTS,
        UNAVAILABLE,
        SERVER_ERROR,
        APPLIED_BUT_UNAVAILABLE,
        /** 400 ValidationException for the whole request, nothing applied. */
        VALIDATION_ERROR
    }

    private record Answer(int status, byte[] body) {}

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final FakeXeroBooks books = new FakeXeroBooks();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Answer> idempotent = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Instant> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger invoiceCalls = new AtomicInteger();
    private final AtomicInteger paymentCalls = new AtomicInteger();
    private final AtomicInteger replayedAnswers = new AtomicInteger();
    private final AtomicInteger limitedCalls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshTokensIssued = new AtomicInteger();
    private final AtomicInteger refusedGrants = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofMinutes(30);
    private volatile Duration latency = Duration.ZERO;
    private volatile int retryAfterSeconds = 1;
    private volatile int perMinute = 60;
    private volatile int concurrent = 5;

    public FakeXero() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/connect/token", this::token);
        server.createContext("/api.xro/2.0/Invoices", exchange -> api(exchange, this::invoices));
        server.createContext("/api.xro/2.0/Payments", exchange -> api(exchange, this::payments));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String basePath() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api.xro/2.0";
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/connect/token";
    }

    /** The properties that point a chatbridge instance at this fake. */
    public List<String> properties() {
        return List.of(
                "--chatbridge.xero.base-path=" + basePath(),
                "--chatbridge.xero.token-url=" + tokenUrl(),
                "--chatbridge.xero.client-id=" + CLIENT_ID,
                "--chatbridge.xero.client-secret=" + CLIENT_SECRET,
                "--chatbridge.xero.tenant-id=" + TENANT_ID,
                "--chatbridge.xero.request-timeout=3s");
    }

    // ---- the books

    public UUID addInvoice(String number, String contact, String total, String currency) {
        return books.add(number, contact, new BigDecimal(total), currency, LocalDate.of(2026, 12, 1)).id;
    }

    public void setInvoiceStatus(UUID invoiceId, String status) {
        books.setStatus(invoiceId, status);
    }

    public BigDecimal amountDue(UUID invoiceId) {
        return books.invoice(invoiceId).due();
    }

    public String invoiceStatus(UUID invoiceId) {
        return books.invoice(invoiceId).status;
    }

    public List<FakeXeroBooks.AppliedPayment> payments() {
        return books.payments();
    }

    public long paymentsTo(UUID invoiceId) {
        return books.payments().stream()
                .filter(p -> p.invoiceId().equals(invoiceId))
                .count();
    }

    // ---- faults and limits

    public synchronized void failNextPayments(Fault... planned) {
        faults.addAll(Arrays.asList(planned));
    }

    public void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    public void latency(Duration latency) {
        this.latency = latency;
    }

    public void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    /** Xero's per-tenant limits (60 a minute, 5 at once); lower them to provoke 429s. */
    public void limits(int perMinute, int concurrent) {
        this.perMinute = perMinute;
        this.concurrent = concurrent;
    }

    // ---- counters

    /** A refresh token as the authorisation-code flow hands it out; spent (rotated) on its first use. */
    public String issueRefreshToken() {
        String token = "fake-xero-refresh-token-" + refreshTokensIssued.incrementAndGet();
        refreshTokens.add(token);
        return token;
    }

    /** Revokes every refresh token (the organisation disconnected the app). */
    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    /** Refresh-token grants answered {@code invalid_grant} (a spent or revoked token was used). */
    public int refusedGrants() {
        return refusedGrants.get();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public int invoiceCalls() {
        return invoiceCalls.get();
    }

    public int paymentCalls() {
        return paymentCalls.get();
    }

    /** Payment calls answered from the idempotency record (a retry of a call that had been applied). */
    public int replayedAnswers() {
        return replayedAnswers.get();
    }

    /** Calls refused by the fake's own limits (not planned faults). */
    public int limitedCalls() {
        return limitedCalls.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<String> idempotencyKeys() {
        return List.copyOf(idempotencyKeys);
    }

    /** The most API calls that arrived within any window of {@code width}. */
    public int mostCallsWithin(Duration width) {
        List<Instant> times = new ArrayList<>(calls);
        times.sort(null);
        int most = 0;
        for (int start = 0, end = 0; end < times.size(); end++) {
            while (times.get(end).isAfter(times.get(start).plus(width))) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }

    // ---- HTTP

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 400, Map.of("error", "invalid_client"));
                return;
            }
            Map<String, List<String>> fields = query(form);
            List<String> grant = fields.getOrDefault("grant_type", List.of());
            Map<String, Object> rotated = new java.util.HashMap<>();
            if (grant.contains("refresh_token")) {
                String spent = fields.getOrDefault("refresh_token", List.of("")).get(0);
                if (!refreshTokens.remove(spent)) {
                    refusedGrants.incrementAndGet();
                    send(exchange, 400, Map.of("error", "invalid_grant"));
                    return;
                }
                rotated.put("refresh_token", issueRefreshToken());
            } else if (!grant.contains("client_credentials")) {
                send(exchange, 400, Map.of("error", "unsupported_grant_type"));
                return;
            }
            String token = "fake-xero-access-token-" + tokensIssued.incrementAndGet();
            tokens.put(token, Instant.now().plus(tokenLifetime));
            rotated.putAll(Map.of(
                    "access_token",
                    token,
                    "expires_in",
                    tokenLifetime.toSeconds(),
                    "token_type",
                    "Bearer",
                    "scope",
                    "accounting.transactions"));
            send(exchange, 200, rotated);
        }
    }

    private void api(HttpExchange exchange, Handler handler) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            calls.add(Instant.now());
            if (!authorised(exchange)) {
                return;
            }
            if (now > concurrent || mostCallsWithin(Duration.ofSeconds(60)) > perMinute) {
                limitedCalls.incrementAndGet();
                tooManyRequests(exchange, now > concurrent ? "concurrent" : "minute");
                return;
            }
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            handler.handle(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private boolean authorised(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expires = header == null || !header.startsWith("Bearer ") ? null : tokens.get(header.substring(7));
        if (expires == null || Instant.now().isAfter(expires)) {
            send(
                    exchange,
                    401,
                    Map.of(
                            "Type",
                            "",
                            "Title",
                            "Unauthorized",
                            "Status",
                            401,
                            "Detail",
                            expires == null ? "AuthenticationUnsuccessful" : "TokenExpired: token expired"));
            return false;
        }
        if (!TENANT_ID.equals(exchange.getRequestHeaders().getFirst("xero-tenant-id"))) {
            send(
                    exchange,
                    403,
                    Map.of("Type", "", "Title", "Forbidden", "Status", 403, "Detail", "AuthorizationUnsuccessful"));
            return false;
        }
        return true;
    }

    private void invoices(HttpExchange exchange) throws IOException {
        invoiceCalls.incrementAndGet();
        Map<String, List<String>> params = query(exchange.getRequestURI().getRawQuery());
        String where = first(params, "where");
        if (where != null && !where.replace(" ", "").equals("Type==\"ACCREC\"")) {
            send(exchange, 400, validationError("The where filter is not supported by the fake: " + where, List.of()));
            return;
        }
        String statuses = first(params, "Statuses");
        String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        int page = first(params, "page") == null ? 1 : Integer.parseInt(first(params, "page"));
        List<Map<String, Object>> invoices = books.page(
                statuses == null ? null : List.of(statuses.split(",")),
                since == null ? null : OffsetDateTime.parse(since).toInstant(),
                page);
        send(exchange, 200, envelope("Invoices", invoices));
    }

    private void payments(HttpExchange exchange) throws IOException {
        paymentCalls.incrementAndGet();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            idempotencyKeys.add(key);
            Answer earlier = idempotent.get(key);
            if (earlier != null) {
                replayedAnswers.incrementAndGet();
                send(exchange, earlier.status(), earlier.body());
                return;
            }
        }
        Fault fault = nextFault();
        if (fault == Fault.TOO_MANY_REQUESTS) {
            tooManyRequests(exchange, "minute");
            return;
        }
        if (fault == Fault.UNAVAILABLE || fault == Fault.SERVER_ERROR) {
            send(exchange, fault == Fault.UNAVAILABLE ? 503 : 500, "The service is unavailable.".getBytes());
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (fault == Fault.VALIDATION_ERROR) {
            send(
                    exchange,
                    400,
                    validationError(
                            "A validation exception occurred",
                            List.of(Map.of(
                                    "ValidationErrors", List.of(Map.of("Message", "Payments must be an array"))))));
            return;
        }
        boolean summarize = !"false".equals(first(query(exchange.getRequestURI().getRawQuery()), "summarizeErrors"));
        Answer answer = apply(body, summarize);
        if (key != null) {
            idempotent.put(key, answer);
        }
        if (fault == Fault.APPLIED_BUT_UNAVAILABLE) {
            send(exchange, 503, "The service is unavailable.".getBytes());
            return;
        }
        send(exchange, answer.status(), answer.body());
    }

    private Answer apply(JsonNode body, boolean summarize) throws IOException {
        JsonNode elements = body.has("Payments")
                ? body.get("Payments")
                : JSON.createArrayNode().add(body);
        if (summarize) {
            // Xero's default: one refused element refuses the whole request and nothing is applied
            List<Map<String, Object>> refused = new ArrayList<>();
            for (JsonNode element : elements) {
                String refusal = books.refusal(element);
                if (refusal != null) {
                    refused.add(Map.of("ValidationErrors", List.of(Map.of("Message", refusal))));
                }
            }
            if (!refused.isEmpty()) {
                return new Answer(
                        400, JSON.writeValueAsBytes(validationError("A validation exception occurred", refused)));
            }
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (JsonNode element : elements) {
            answers.add(books.apply(element));
        }
        return new Answer(200, JSON.writeValueAsBytes(envelope("Payments", answers)));
    }

    private synchronized Fault nextFault() {
        return faults.pollFirst();
    }

    private void tooManyRequests(HttpExchange exchange, String problem) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
        exchange.getResponseHeaders().set("X-Rate-Limit-Problem", problem);
        exchange.getResponseHeaders().set("X-MinLimit-Remaining", "0");
        exchange.getResponseHeaders().set("X-DayLimit-Remaining", "4000");
        exchange.getResponseHeaders().set("X-AppMinLimit-Remaining", "9000");
        send(exchange, 429, new byte[0]);
    }

    private static Map<String, Object> envelope(String name, Object items) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", UUID.randomUUID().toString());
        json.put("Status", "OK");
        json.put("ProviderName", "chatbridge");
        json.put("DateTimeUTC", FakeXeroBooks.date(Instant.now()));
        json.put(name, items);
        return json;
    }

    private static Map<String, Object> validationError(String message, List<Map<String, Object>> elements) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ErrorNumber", 10);
        json.put("Type", "ValidationException");
        json.put("Message", message);
        json.put("Elements", elements);
        return json;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
