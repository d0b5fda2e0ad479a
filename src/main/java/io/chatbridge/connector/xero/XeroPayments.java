package io.chatbridge.connector.xero;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What an admin sees of the payments going to Xero, and the one thing they may do: send a dead
 * payment again once its cause is fixed (the invoice re-opened, the account code corrected).
 */
@Service
public class XeroPayments {

    /** The connector at a glance. */
    public record Status(
            boolean configured,
            Map<String, Long> payments,
            int callsToday,
            int dailyCallLimit,
            Instant pausedUntil,
            String lastProblem,
            String tokenGrant,
            String tokenProblem) {}

    private final XeroPaymentQueue queue;
    private final XeroProperties properties;
    private final XeroCallGuard guard;
    private final XeroPaymentPoster poster;
    private final XeroTokens tokens;

    XeroPayments(
            XeroPaymentQueue queue,
            XeroProperties properties,
            XeroCallGuard guard,
            XeroPaymentPoster poster,
            XeroTokens tokens) {
        this.queue = queue;
        this.properties = properties;
        this.guard = guard;
        this.poster = poster;
        this.tokens = tokens;
    }

    public List<XeroPayment> list(String state, int limit) {
        return queue.list(state, limit);
    }

    public Optional<XeroPayment> find(long id) {
        return queue.find(id);
    }

    /** False when the payment is not dead (only dead ones are replayed). */
    public boolean replay(long id) {
        return queue.replay(id);
    }

    public Status status() {
        return new Status(
                properties.configured(),
                queue.counts().stream()
                        .collect(Collectors.toMap(
                                XeroPaymentQueue.StateCount::state,
                                XeroPaymentQueue.StateCount::count,
                                (a, b) -> a,
                                java.util.TreeMap::new)),
                guard.callsToday(),
                properties.dailyCallLimit(),
                guard.pausedUntil().orElse(null),
                poster.lastProblem(),
                tokens.grant(),
                tokens.problem());
    }
}
