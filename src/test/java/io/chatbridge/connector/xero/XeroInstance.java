package io.chatbridge.connector.xero;

import io.chatbridge.reconcile.PaymentMatched;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.xero.FakeXero;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A whole chatbridge instance whose Xero connector points at a {@link FakeXero}, with what the tests
 * do to it: publish a match as the reconciler does (inside a transaction) and call the admin API.
 */
final class XeroInstance implements AutoCloseable {

    private static final String FAST =
            """
            --chatbridge.xero.poll-millis=100
            --chatbridge.xero.base-backoff=100ms
            --chatbridge.xero.max-backoff=400ms
            --chatbridge.xero.calls-per-minute=600
            --chatbridge.payments.scheduled=false""";

    final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    XeroInstance(FakeXero fake, Path dir, String... extra) {
        List<String> args = new ArrayList<>(fake.properties());
        args.addAll(FAST.lines().toList());
        for (String property : extra) {
            String key = property.substring(0, property.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(key));
            args.add(property);
        }
        context = TestApplication.start(dir, args.toArray(String[]::new));
    }

    /** Publishes a match inside a transaction, as the reconciler does; rolls it back when asked. */
    void match(long matchId, UUID invoiceId, String amount, boolean commit) {
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            context.publishEvent(new PaymentMatched(
                    matchId,
                    "xero",
                    invoiceId.toString(),
                    "INV-" + matchId,
                    new BigDecimal(amount),
                    "GBP",
                    LocalDate.of(2026, 11, 20),
                    "BANKREF-" + matchId,
                    null));
            if (!commit) {
                status.setRollbackOnly();
            }
        });
    }

    void match(long matchId, UUID invoiceId, String amount) {
        match(matchId, invoiceId, amount, true);
    }

    String state(long matchId) {
        return jdbc().sql("select state from xero_payment where match_id = ?")
                .param(matchId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    long count(String state) {
        return jdbc().sql("select count(*) from xero_payment where state = ?")
                .param(state)
                .query(Long.class)
                .single();
    }

    long idOf(long matchId) {
        return jdbc().sql("select id from xero_payment where match_id = ?")
                .param(matchId)
                .query(Long.class)
                .single();
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        return http.send(request(path, authenticated).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(
                request(path, true).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, boolean authenticated) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create("http://localhost:" + TestApplication.port(context) + path));
        if (authenticated) {
            builder.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    @Override
    public void close() {
        context.close();
    }
}
