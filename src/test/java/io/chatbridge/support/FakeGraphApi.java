package io.chatbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small stateful fake of the WhatsApp Cloud API send endpoint ({@code POST /{version}/{phone-number-id}/messages})
 * on the JDK's HTTP server, answering with Meta's response and error shapes (FORMATS.md §1.6). Tests
 * queue refusals ({@link #refuseNext}) and read what was sent ({@link #requests()}).
 */
public final class FakeGraphApi implements AutoCloseable {

    public static final String TOKEN = "test-access-token";

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> accepted = new CopyOnWriteArrayList<>();
    private final Deque<Refusal> refusals = new ConcurrentLinkedDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Predicate<JsonNode> closedWindow = body -> false;
    private volatile java.util.function.BiConsumer<Request, String> onAccepted = (request, wamid) -> {};

    /** One request as it arrived. */
    public record Request(String path, String authorization, JsonNode body) {

        public String type() {
            return body.path("type").asText();
        }

        public String to() {
            return body.path("to").asText();
        }

        public String text() {
            return body.path("text").path("body").asText();
        }

        public String templateName() {
            return body.path("template").path("name").asText();
        }

        public List<String> templateParameters() {
            List<String> values = new ArrayList<>();
            body.path("template")
                    .path("components")
                    .path(0)
                    .path("parameters")
                    .forEach(p -> values.add(p.path("text").asText()));
            return values;
        }
    }

    private record Refusal(int httpStatus, int code, String message, String details, Predicate<JsonNode> applies) {}

    public FakeGraphApi() {
        this(0);
    }

    /** On a fixed port (0: any free one), for the drill launcher that runs the fake as its own process. */
    public FakeGraphApi(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves another path on the fake's socket (the drill launcher's control endpoints). */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The settings that point a chatbridge instance at this fake. */
    public String[] properties() {
        return new String[] {
            "--chatbridge.whatsapp.api-base-url=" + baseUrl(),
            "--chatbridge.whatsapp.access-token=" + TOKEN,
            "--chatbridge.whatsapp.poll-millis=50",
            "--chatbridge.whatsapp.base-backoff=200ms"
        };
    }

    /** The next request that matches is refused with this Graph error. */
    public void refuseNext(int httpStatus, int code, String message, String details, Predicate<JsonNode> applies) {
        refusals.add(new Refusal(httpStatus, code, message, details, applies));
    }

    /** From now on, free-form messages to {@code to} are refused with 131047, as after 24 h of silence. */
    public void closeWindowFor(String to) {
        closedWindow = body -> to.equals(body.path("to").asText())
                && !"template".equals(body.path("type").asText());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests that got a 200 and a wamid. */
    public List<Request> accepted() {
        return List.copyOf(accepted);
    }

    public List<Request> acceptedTo(String to) {
        return accepted.stream().filter(r -> r.to().equals(to)).toList();
    }

    public void reset() {
        requests.clear();
        accepted.clear();
        refusals.clear();
        closedWindow = body -> false;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            Request request = new Request(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body);
            requests.add(request);
            if (!exchange.getRequestMethod().equals("POST") || !request.path().matches("/v\\d+\\.\\d+/\\d+/messages")) {
                reply(exchange, 400, error(100, "Unsupported post request.", "", "GraphMethodException"));
                return;
            }
            if (!("Bearer " + TOKEN).equals(request.authorization())) {
                reply(
                        exchange,
                        401,
                        error(190, "Invalid OAuth access token - Cannot parse access token", "", "OAuthException"));
                return;
            }
            Refusal refusal = nextRefusal(body);
            if (refusal != null) {
                reply(
                        exchange,
                        refusal.httpStatus(),
                        error(refusal.code(), refusal.message(), refusal.details(), "OAuthException"));
                return;
            }
            if (closedWindow.test(body)) {
                reply(
                        exchange,
                        400,
                        error(
                                131047,
                                "(#131047) Re-engagement message",
                                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                                "OAuthException"));
                return;
            }
            accepted.add(request);
            String to = body.path("to").asText();
            String wamid = "wamid.FAKE" + ids.incrementAndGet();
            reply(
                    exchange,
                    200,
                    """
                    {"messaging_product":"whatsapp","contacts":[{"input":"%s","wa_id":"%s"}],"messages":[{"id":"%s"}]}"""
                            .formatted(to, to.replace("+", ""), wamid));
            onAccepted.accept(request, wamid);
        }
    }

    private Refusal nextRefusal(JsonNode body) {
        for (Refusal r : refusals) {
            if (r.applies().test(body) && refusals.remove(r)) {
                return r;
            }
        }
        return null;
    }

    /** Called with each accepted message and its wamid after the answer went out (Meta's status webhooks). */
    public void onAccepted(java.util.function.BiConsumer<Request, String> listener) {
        this.onAccepted = listener;
    }

    /** The last wamid handed out for messages to {@code to}. */
    public String lastWamid() {
        return "wamid.FAKE" + ids.get();
    }

    private String error(int code, String message, String details, String type) {
        return """
                {"error":{"message":"%s","type":"%s","code":%d,"error_data":{"messaging_product":"whatsapp","details":"%s"},"fbtrace_id":"AbCdEf123"}}"""
                .formatted(message, type, code, details);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
