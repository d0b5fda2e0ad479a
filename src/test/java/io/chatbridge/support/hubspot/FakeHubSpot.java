package io.chatbridge.support.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of the HubSpot CRM API on a real socket, with HubSpot's request and response shapes
 * for what the connector calls: batch upsert of contacts and deals (by a unique property, which must
 * exist), v4 batch associations, batch notes, owners, properties, deal search by
 * {@code hs_lastmodifieddate}. It checks the bearer token, counts requests, remembers when each came,
 * and injects HubSpot's faults: 429 {@code TEN_SECONDLY_ROLLING} and {@code DAILY}, 423 Locked, 500.
 */
public final class FakeHubSpot implements AutoCloseable {

    public static final String TOKEN = "pat-na1-test-token";

    public enum Fault {
        TEN_SECONDLY,
        DAILY,
        LOCKED,
        SERVER_ERROR
    }

    /** A stored CRM object. */
    public record CrmObject(String id, Map<String, String> properties) {}

    /** An association made. */
    public record Association(String from, String fromId, String to, String toId, int typeId) {}

    /** A note made, with the ids it is associated with. */
    public record Note(String id, Map<String, String> properties, List<String> associatedIds) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UPSERT = Pattern.compile("/crm/v3/objects/(\\w+)/batch/upsert");
    private static final Pattern ASSOCIATE = Pattern.compile("/crm/v4/associations/(\\w+)/(\\w+)/batch/create");
    private static final Pattern PROPERTY = Pattern.compile("/crm/v3/properties/(\\w+)(?:/(\\w+))?");
    private static final Pattern SEARCH = Pattern.compile("/crm/v3/objects/(\\w+)/search");

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Map<String, CrmObject>> objects = new ConcurrentHashMap<>();
    /** type.idProperty -> value -> object id: upserts find their object without scanning (drills store 100,000). */
    private final Map<String, Map<String, String>> byUniqueValue = new ConcurrentHashMap<>();

    private final Set<String> uniqueProperties = ConcurrentHashMap.newKeySet();
    // synchronized lists, not copy-on-write: a drill adds 100,000 of each
    private final List<Association> associations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<Association> associationSet = ConcurrentHashMap.newKeySet();
    private final List<Note> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> owners = new LinkedHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Long> requestTimes = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile String faultsOn = "";

    public FakeHubSpot() {
        this(0);
    }

    /** On a fixed port (0: any free one), for the drill launcher that runs the fake as its own process. */
    public FakeHubSpot(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves another path on the fake's socket (the drill launcher's control endpoints). */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public void addOwner(String id, String email) {
        synchronized (owners) {
            owners.put(id, email);
        }
    }

    /** Faults for the next requests whose path contains {@code pathPart} (empty: any request). */
    public synchronized void failNext(String pathPart, Fault... next) {
        faultsOn = pathPart;
        faults.addAll(List.of(next));
    }

    public long requests() {
        return requestTimes.size();
    }

    public long requests(String kind) {
        return counts.getOrDefault(kind, new AtomicLong()).get();
    }

    public void resetCounters() {
        counts.clear();
        requestTimes.clear();
    }

    /** The most requests seen in any 10 seconds. */
    public int busiestTenSeconds() {
        List<Long> times = new ArrayList<>(requestTimes);
        times.sort(null);
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= 10_000) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    public List<CrmObject> objects(String type) {
        return List.copyOf(objects.getOrDefault(type, Map.of()).values());
    }

    public CrmObject find(String type, String property, String value) {
        return objects(type).stream()
                .filter(o -> value.equals(o.properties().get(property)))
                .findFirst()
                .orElse(null);
    }

    public List<Association> associations() {
        synchronized (associations) {
            return List.copyOf(associations);
        }
    }

    /** Drops a note, as if the call that created it had never reached HubSpot. */
    public void forgetNote(String id) {
        notes.removeIf(n -> n.id().equals(id));
    }

    public List<Note> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    public boolean hasUniqueProperty(String type, String name) {
        return uniqueProperties.contains(type + "." + name);
    }

    /** A change staff make in HubSpot's UI. */
    public void setProperty(String type, String id, String property, String value) {
        CrmObject o = objects.get(type).get(id);
        o.properties().put(property, value);
        o.properties().put("hs_lastmodifieddate", Instant.now().toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requestTimes.add(System.currentTimeMillis());
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, error("Authentication credentials not found.", "INVALID_AUTHENTICATION"));
                return;
            }
            Fault fault = nextFault(path);
            if (fault != null) {
                count("fault");
                sendFault(exchange, fault);
                return;
            }
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            route(exchange, exchange.getRequestMethod(), path, body);
        } catch (RuntimeException e) {
            send(exchange, 500, error("fake failed: " + e, "INTERNAL_ERROR"));
        }
    }

    private void route(HttpExchange exchange, String method, String path, JsonNode body) throws IOException {
        Matcher m;
        if ((m = UPSERT.matcher(path)).matches() && method.equals("POST")) {
            count("upsert:" + m.group(1));
            upsert(exchange, m.group(1), body);
        } else if ((m = ASSOCIATE.matcher(path)).matches()) {
            count("associate");
            associate(exchange, m.group(1), m.group(2), body);
        } else if (path.equals("/crm/v3/objects/notes/batch/create")) {
            count("notes");
            createNotes(exchange, body);
        } else if (path.equals("/crm/v3/owners")) {
            count("owners");
            owners(exchange);
        } else if ((m = SEARCH.matcher(path)).matches()) {
            count("search");
            search(exchange, m.group(1), body);
        } else if ((m = PROPERTY.matcher(path)).matches()) {
            count("properties");
            property(exchange, method, m.group(1), m.group(2), body);
        } else {
            send(exchange, 404, error("no route " + path, "OBJECT_NOT_FOUND"));
        }
    }

    private void upsert(HttpExchange exchange, String type, JsonNode body) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        Map<String, CrmObject> store = objects.computeIfAbsent(type, k -> new ConcurrentHashMap<>());
        if (body.path("inputs").size() > 100) {
            send(exchange, 400, error("Too many inputs: at most 100", "VALIDATION_ERROR"));
            return;
        }
        synchronized (store) {
            for (JsonNode input : body.path("inputs")) {
                String idProperty = input.path("idProperty").asText();
                if (!uniqueProperties.contains(type + "." + idProperty) && !"email".equals(idProperty)) {
                    send(
                            exchange,
                            400,
                            error("Property " + idProperty + " is not a unique property", "VALIDATION_ERROR"));
                    return;
                }
                String value = input.path("id").asText();
                Map<String, String> index = uniqueIndex(type, idProperty, store);
                String existingId = index.get(value);
                CrmObject existing = existingId == null ? null : store.get(existingId);
                if (existing != null && !value.equals(existing.properties().get(idProperty))) {
                    existing = null; // staff changed the unique property since: look again the slow way
                }
                if (existing == null && existingId != null) {
                    existing = store.values().stream()
                            .filter(o -> value.equals(o.properties().get(idProperty)))
                            .findFirst()
                            .orElse(null);
                }
                boolean created = existing == null;
                CrmObject object = created
                        ? new CrmObject(String.valueOf(ids.incrementAndGet()), new ConcurrentHashMap<>())
                        : existing;
                input.path("properties").fields().forEachRemaining(f -> object.properties()
                        .put(f.getKey(), f.getValue().asText()));
                object.properties().put(idProperty, value);
                object.properties().put("hs_lastmodifieddate", Instant.now().toString());
                store.put(object.id(), object);
                index.put(value, object.id());
                ObjectNode r = results.addObject();
                r.put("id", object.id());
                r.put("new", created);
                r.set("properties", JSON.valueToTree(object.properties()));
                r.put("createdAt", Instant.now().toString());
                r.put("updatedAt", Instant.now().toString());
                r.put("archived", false);
            }
        }
        send(exchange, 200, batchResponse(results));
    }

    private Map<String, String> uniqueIndex(String type, String idProperty, Map<String, CrmObject> store) {
        return byUniqueValue.computeIfAbsent(type + "." + idProperty, k -> {
            Map<String, String> index = new ConcurrentHashMap<>();
            store.values().forEach(o -> {
                String v = o.properties().get(idProperty);
                if (v != null) {
                    index.putIfAbsent(v, o.id());
                }
            });
            return index;
        });
    }

    private void associate(HttpExchange exchange, String from, String to, JsonNode body) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode input : body.path("inputs")) {
            String fromId = input.path("from").path("id").asText();
            String toId = input.path("to").path("id").asText();
            int typeId = input.path("types").path(0).path("associationTypeId").asInt();
            Association a = new Association(from, fromId, to, toId, typeId);
            if (associationSet.add(a)) {
                associations.add(a);
            }
            ObjectNode r = results.addObject();
            r.put("fromObjectTypeId", from).put("fromObjectId", Long.parseLong(fromId));
            r.put("toObjectTypeId", to).put("toObjectId", Long.parseLong(toId));
            r.putArray("labels");
        }
        send(exchange, 201, batchResponse(results));
    }

    private void createNotes(HttpExchange exchange, JsonNode body) throws IOException {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode input : body.path("inputs")) {
            if (!input.path("properties").has("hs_timestamp")) {
                send(exchange, 400, error("hs_timestamp is required", "VALIDATION_ERROR"));
                return;
            }
            Map<String, String> properties = new LinkedHashMap<>();
            input.path("properties")
                    .fields()
                    .forEachRemaining(
                            f -> properties.put(f.getKey(), f.getValue().asText()));
            List<String> to = new ArrayList<>();
            input.path("associations")
                    .forEach(a -> to.add(a.path("to").path("id").asText()));
            Note note = new Note(String.valueOf(ids.incrementAndGet()), properties, to);
            notes.add(note);
            ObjectNode r = results.addObject();
            r.put("id", note.id());
            r.set("properties", JSON.valueToTree(properties));
            r.put("archived", false);
        }
        send(exchange, 201, batchResponse(results));
    }

    private void owners(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        synchronized (owners) {
            owners.forEach((id, email) -> results.addObject()
                    .put("id", id)
                    .put("email", email)
                    .put("type", "PERSON")
                    .put("firstName", email.substring(0, email.indexOf('@')))
                    .put("userId", Long.parseLong(id) + 1)
                    .put("archived", false));
        }
        send(exchange, 200, body);
    }

    private void property(HttpExchange exchange, String method, String type, String name, JsonNode body)
            throws IOException {
        if ("GET".equals(method)) {
            if (uniqueProperties.contains(type + "." + name)) {
                send(exchange, 200, JSON.createObjectNode().put("name", name).put("hasUniqueValue", true));
            } else {
                send(exchange, 404, error("Unable to find property " + name, "OBJECT_NOT_FOUND"));
            }
            return;
        }
        String created = body.path("name").asText();
        if (!uniqueProperties.add(type + "." + created)) {
            send(exchange, 409, error("A property named '" + created + "' already exists.", "CONFLICT"));
            return;
        }
        send(
                exchange,
                201,
                JSON.createObjectNode()
                        .put("name", created)
                        .put("hasUniqueValue", body.path("hasUniqueValue").asBoolean()));
    }

    private void search(HttpExchange exchange, String type, JsonNode body) throws IOException {
        if ("notes".equals(type)) {
            searchNotes(exchange, body);
            return;
        }
        long since = 0;
        String marker = null;
        for (JsonNode f : body.path("filterGroups").path(0).path("filters")) {
            if ("hs_lastmodifieddate".equals(f.path("propertyName").asText())) {
                since = f.path("value").asLong();
            } else if ("HAS_PROPERTY".equals(f.path("operator").asText())) {
                marker = f.path("propertyName").asText();
            }
        }
        long after = since;
        String required = marker;
        List<CrmObject> found = objects(type).stream()
                .filter(o ->
                        Instant.parse(o.properties().get("hs_lastmodifieddate")).toEpochMilli() > after)
                .filter(o -> required == null || o.properties().containsKey(required))
                .sorted(java.util.Comparator.comparing(o -> o.properties().get("hs_lastmodifieddate")))
                .toList();
        ObjectNode response = JSON.createObjectNode().put("total", found.size());
        ArrayNode results = response.putArray("results");
        found.stream().limit(100).forEach(o -> {
            ObjectNode r = results.addObject().put("id", o.id());
            r.set("properties", JSON.valueToTree(o.properties()));
            r.put("archived", false);
        });
        send(exchange, 200, response);
    }

    /** Notes by {@code hs_timestamp} EQ and {@code associations.deal} (or contact) EQ, as HubSpot filters them. */
    private void searchNotes(HttpExchange exchange, JsonNode body) throws IOException {
        Map<String, String> equal = new LinkedHashMap<>();
        body.path("filterGroups")
                .path(0)
                .path("filters")
                .forEach(f -> equal.put(
                        f.path("propertyName").asText(), f.path("value").asText()));
        List<Note> found = notes().stream()
                .filter(n -> equal.entrySet().stream()
                        .allMatch(e -> e.getKey().startsWith("associations.")
                                ? n.associatedIds().contains(e.getValue())
                                : e.getValue().equals(n.properties().get(e.getKey()))))
                .toList();
        ObjectNode response = JSON.createObjectNode().put("total", found.size());
        ArrayNode results = response.putArray("results");
        found.stream().limit(body.path("limit").asInt(10)).forEach(n -> {
            ObjectNode r = results.addObject().put("id", n.id());
            r.set("properties", JSON.valueToTree(n.properties()));
            r.put("archived", false);
        });
        send(exchange, 200, response);
    }

    private synchronized Fault nextFault(String path) {
        return faults.isEmpty() || !path.contains(faultsOn) ? null : faults.poll();
    }

    private void sendFault(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case TEN_SECONDLY ->
                send(
                        exchange,
                        429,
                        rateLimit("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING"));
            case DAILY -> send(exchange, 429, rateLimit("You have reached your daily limit.", "DAILY"));
            case LOCKED -> send(exchange, 423, error("Resource is locked, try again", "LOCKED"));
            case SERVER_ERROR -> send(exchange, 500, error("internal error", "INTERNAL_ERROR"));
        }
    }

    private static ObjectNode rateLimit(String message, String policy) {
        return JSON.createObjectNode()
                .put("status", "error")
                .put("message", message)
                .put("errorType", "RATE_LIMIT")
                .put("correlationId", java.util.UUID.randomUUID().toString())
                .put("policyName", policy)
                .put("requestId", java.util.UUID.randomUUID().toString());
    }

    private static ObjectNode error(String message, String category) {
        return JSON.createObjectNode()
                .put("status", "error")
                .put("message", message)
                .put("correlationId", java.util.UUID.randomUUID().toString())
                .put("category", category);
    }

    private static ObjectNode batchResponse(ArrayNode results) {
        ObjectNode body = JSON.createObjectNode().put("status", "COMPLETE");
        body.set("results", results);
        String now = Instant.now().toString();
        return body.put("startedAt", now).put("completedAt", now).put("requestedAt", now);
    }

    private void count(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
