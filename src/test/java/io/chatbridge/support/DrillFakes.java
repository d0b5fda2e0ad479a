package io.chatbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.chatbridge.connector.hubspot.HubSpotBinding;
import io.chatbridge.ingest.SignatureVerifier;
import io.chatbridge.support.hubspot.FakeHubSpot;
import io.chatbridge.support.sheets.DrillFaults;
import io.chatbridge.support.sheets.FakeSheets;
import io.chatbridge.support.xero.FakeXero;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs one of the test fakes as a process of its own for the fault drills ({@code bench/drills/}), so
 * that chatbridge and its database can be killed and restarted while the fake keeps what was written
 * to it:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) io.chatbridge.support.DrillFakes \
 *      sheets|hubspot|xero|graph --port N [--state-dir DIR] [--webhook URL --secret S (graph: status webhooks)]
 * </pre>
 *
 * <p>Each fake gets control endpoints on its own socket: {@code GET /_drill/counts} (what it holds and
 * how often each id occurs, for the duplicate check), {@code GET /_drill/ids} (one record id per stored
 * row or deal, for the loss check) and, for Sheets, {@code POST /_drill/fault}
 * {@code {"mode":"503|429|ambiguous|none","seconds":300,"share":0.05}}.
 */
public final class DrillFakes {

    public static final String SPREADSHEET = "drill-sheet";
    public static final String TAB = "Bookings";
    public static final String ID_HEADER = "Booking ID";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DrillFakes() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !"--port".equals(args[1])) {
            System.err.println(
                    "usage: DrillFakes sheets|hubspot|xero|graph --port N [--state-dir DIR] [--webhook URL --secret S]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[2]);
        String state = option(args, "--state-dir");
        Path stateDir = Path.of(state != null ? state : ".");
        Files.createDirectories(stateDir);
        switch (args[0]) {
            case "sheets" -> sheets(port, stateDir);
            case "hubspot" -> hubspot(port);
            case "xero" -> xero(port);
            case "graph" -> graph(port, option(args, "--webhook"), option(args, "--secret"));
            default -> {
                System.err.println("unknown fake " + args[0]);
                System.exit(2);
            }
        }
        System.out.println("ready " + args[0] + " on port " + port);
        Thread.currentThread().join();
    }

    private static String option(String[] args, String name) {
        for (int i = 3; i + 1 < args.length; i++) {
            if (name.equals(args[i])) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static void sheets(int port, Path stateDir) {
        FakeSheets fake = new FakeSheets(port);
        fake.createSpreadsheet(SPREADSHEET, TAB);
        Path credentials = fake.serviceAccountFile(stateDir);
        System.out.println("credentials " + credentials.toAbsolutePath());
        fake.route("/_drill/counts", get(() -> sheetCounts(fake)));
        fake.route("/_drill/ids", exchange -> text(exchange, String.join("\n", sheetIds(fake))));
        fake.route("/_drill/fault", exchange -> fault(exchange, fake.drillFaults()));
    }

    private static List<String> sheetIds(FakeSheets fake) {
        List<List<String>> rows = fake.rows(SPREADSHEET, TAB);
        List<String> ids = new ArrayList<>();
        if (rows.isEmpty()) {
            return ids;
        }
        int column = rows.get(0).indexOf(ID_HEADER);
        for (List<String> row : rows.subList(1, rows.size())) {
            ids.add(column >= 0 && column < row.size() ? row.get(column) : "");
        }
        return ids;
    }

    private static Map<String, Object> sheetCounts(FakeSheets fake) {
        Map<String, Object> counts = occurrences(sheetIds(fake));
        counts.put("reads", fake.requests(FakeSheets.Kind.READ));
        counts.put("updates", fake.requests(FakeSheets.Kind.WRITE));
        counts.put("appends", fake.requests(FakeSheets.Kind.APPEND));
        counts.put("answered", fake.answered());
        counts.put("ambiguous_appends", fake.drillFaults().ambiguousAnswers());
        counts.put("fault_mode", fake.drillFaults().mode().name());
        return counts;
    }

    private static void hubspot(int port) {
        FakeHubSpot fake = new FakeHubSpot(port);
        fake.route("/_drill/counts", get(() -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("contacts", idCounts(fake.objects("contacts"), "whatsapp_id"));
            counts.put("deals", idCounts(fake.objects("deals"), HubSpotBinding.RECORD_ID_PROPERTY));
            counts.put("associations", fake.associations().size());
            counts.put("notes", fake.notes().size());
            counts.put(
                    "notes_duplicated",
                    occurrences(fake.notes().stream()
                                    .map(n -> n.properties().get("hs_note_body") + " @ " + n.associatedIds())
                                    .toList())
                            .get("duplicated"));
            counts.put("requests", fake.requests());
            return counts;
        }));
        fake.route(
                "/_drill/ids",
                exchange -> text(
                        exchange,
                        String.join(
                                "\n",
                                fake.objects("deals").stream()
                                        .map(d -> String.valueOf(d.properties().get(HubSpotBinding.RECORD_ID_PROPERTY)))
                                        .toList())));
    }

    private static Map<String, Object> idCounts(List<FakeHubSpot.CrmObject> objects, String property) {
        return occurrences(objects.stream()
                .map(o -> String.valueOf(o.properties().get(property)))
                .toList());
    }

    /**
     * Xero with {@code POST /_drill/invoices {"count":N}}: N open invoices {@code INV-70001…}, each of its
     * own amount ({@code 10.00 + i/100} GBP) and contact ({@code Drill Payer i}), so that a bank
     * statement of the same N credits matches each one exactly (the harness writes that statement).
     */
    private static void xero(int port) {
        FakeXero fake = new FakeXero(port);
        List<UUID> seeded = new java.util.concurrent.CopyOnWriteArrayList<>();
        fake.route("/_drill/invoices", exchange -> {
            try (exchange) {
                int count =
                        JSON.readTree(exchange.getRequestBody()).path("count").asInt(0);
                for (int i = 1; i <= count; i++) {
                    seeded.add(fake.addInvoice(
                            xeroInvoiceNumber(seeded.size() + 1), "Drill Payer " + i, xeroInvoiceAmount(i), "GBP"));
                }
                send(exchange, 200, Map.of("invoices", seeded.size()));
            }
        });
        fake.route("/_drill/counts", get(() -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("invoices", seeded.size());
            counts.put("payments", fake.payments().size());
            counts.put(
                    "invoices_paid",
                    seeded.stream().filter(id -> fake.paymentsTo(id) > 0).count());
            List<String> twice = new ArrayList<>();
            for (int i = 0; i < seeded.size(); i++) {
                long payments = fake.paymentsTo(seeded.get(i));
                if (payments > 1) {
                    twice.add(xeroInvoiceNumber(i + 1) + " x" + payments);
                }
            }
            counts.put("invoices_paid_twice", twice.size());
            counts.put("paid_twice_examples", twice.subList(0, Math.min(20, twice.size())));
            counts.put("payment_calls", fake.paymentCalls());
            counts.put("replayed_answers", fake.replayedAnswers());
            counts.put("invoice_calls", fake.invoiceCalls());
            counts.put("limited_calls", fake.limitedCalls());
            return counts;
        }));
    }

    static String xeroInvoiceNumber(int i) {
        return "INV-" + (70_000 + i);
    }

    static String xeroInvoiceAmount(int i) {
        return new java.math.BigDecimal(1000 + i).movePointLeft(2).toPlainString();
    }

    /**
     * The WhatsApp send API. Besides the totals, the messages that reached one customer more than once
     * with the same content: what a customer would see as a duplicate (a confirmation sent twice).
     */
    private static void graph(int port, String webhook, String secret) {
        FakeGraphApi fake = new FakeGraphApi(port);
        StatusWebhooks statuses = webhook == null ? null : new StatusWebhooks(webhook, secret);
        if (statuses != null) {
            fake.onAccepted(statuses::sent);
        }
        fake.route("/_drill/counts", get(() -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("requests", fake.requests().size());
            Map<String, Object> sent = occurrences(fake.accepted().stream()
                    .map(r -> r.to() + " " + r.type() + " " + r.text() + r.templateName() + r.templateParameters())
                    .toList());
            counts.put("accepted", sent.get("stored"));
            counts.put("accepted_twice", sent.get("duplicated"));
            counts.put(
                    "twice_examples",
                    ((List<?>) sent.get("duplicate_examples"))
                            .stream()
                                    .map(e -> Integer.toHexString(e.hashCode()))
                                    .toList()); // no phone numbers or names
            counts.put(
                    "customers",
                    fake.accepted().stream()
                            .map(FakeGraphApi.Request::to)
                            .distinct()
                            .count());
            counts.put("status_webhooks_delivered", statuses == null ? 0 : statuses.delivered());
            counts.put("status_webhooks_waiting", statuses == null ? 0 : statuses.waiting());
            return counts;
        }));
    }

    /**
     * What Meta does after accepting a message: a signed {@code statuses[]} webhook ({@code sent}) that
     * echoes the message's {@code biz_opaque_callback_data}, re-sent with backoff until it is answered
     * 200 (chatbridge may be down: the drills kill it). chatbridge uses the echo to recognise a message
     * it sent just before a crash, instead of sending it twice.
     */
    static final class StatusWebhooks {
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private final AtomicInteger delivered = new AtomicInteger();
        private final String url;
        private final SignatureVerifier signer;

        StatusWebhooks(String url, String secret) {
            this.url = url;
            this.signer = new SignatureVerifier(secret);
            Thread sender = new Thread(this::run, "status-webhooks");
            sender.setDaemon(true);
            sender.start();
        }

        void sent(FakeGraphApi.Request request, String wamid) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("id", wamid);
            status.put("status", "sent");
            status.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
            status.put("recipient_id", request.to().replace("+", ""));
            if (request.body().hasNonNull("biz_opaque_callback_data")) {
                status.put(
                        "biz_opaque_callback_data",
                        request.body().path("biz_opaque_callback_data").asText());
            }
            Map<String, Object> value = Map.of(
                    "messaging_product", "whatsapp",
                    "metadata",
                            Map.of(
                                    "display_phone_number",
                                    "15550000000",
                                    "phone_number_id",
                                    request.path().split("/")[2]),
                    "statuses", List.of(status));
            Map<String, Object> envelope = Map.of(
                    "object",
                    "whatsapp_business_account",
                    "entry",
                    List.of(Map.of(
                            "id", "102290129340398", "changes", List.of(Map.of("value", value, "field", "messages")))));
            try {
                queue.add(JSON.writeValueAsBytes(envelope));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int delivered() {
            return delivered.get();
        }

        int waiting() {
            return queue.size();
        }

        private void run() {
            try {
                while (true) {
                    byte[] body = queue.take();
                    long backoff = 250;
                    while (!post(body)) {
                        Thread.sleep(backoff);
                        backoff = Math.min(backoff * 2, 5_000);
                    }
                    delivered.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean post(byte[] body) throws InterruptedException {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", signer.sign(body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** How many ids, how many distinct, and the ids stored more than once (the first 20). */
    static Map<String, Object> occurrences(List<String> ids) {
        Map<String, Integer> seen = new HashMap<>();
        ids.forEach(id -> seen.merge(id, 1, Integer::sum));
        List<String> twice = seen.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue())
                .sorted()
                .toList();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("stored", ids.size());
        counts.put("distinct", seen.size());
        counts.put("duplicated", twice.size());
        counts.put("duplicate_examples", twice.subList(0, Math.min(20, twice.size())));
        return counts;
    }

    private static void fault(HttpExchange exchange, DrillFaults faults) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, Map.of("error", "POST {\"mode\":...,\"seconds\":...}"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            DrillFaults.Mode mode =
                    switch (body.path("mode").asText()) {
                        case "503" -> DrillFaults.Mode.UNAVAILABLE;
                        case "429" -> DrillFaults.Mode.TOO_MANY_REQUESTS;
                        case "ambiguous" -> DrillFaults.Mode.AMBIGUOUS_APPENDS;
                        case "none" -> DrillFaults.Mode.NONE;
                        default -> null;
                    };
            if (mode == null) {
                send(exchange, 400, Map.of("error", "mode must be 503, 429, ambiguous or none"));
                return;
            }
            Duration duration = Duration.ofMillis((long) (body.path("seconds").asDouble(0) * 1000));
            faults.start(mode, duration, body.path("share").asDouble(0));
            send(exchange, 200, Map.of("mode", mode.name(), "seconds", duration.toSeconds()));
        }
    }

    private static com.sun.net.httpserver.HttpHandler get(Supplier<Object> body) {
        return exchange -> {
            try (exchange) {
                send(exchange, 200, body.get());
            }
        };
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void text(HttpExchange exchange, String text) throws IOException {
        try (exchange) {
            byte[] bytes = (text.isEmpty() ? "" : text + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
