package io.chatbridge.web.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one username within the
 * lockout window, that username is refused until the window has passed. Kept in memory per instance:
 * a guesser spread over several instances gets a few more tries, which is still far too few to matter,
 * and nothing about failed sign-ins needs to survive a restart.
 */
class SignInThrottle {

    private final int maxFailures;
    private final java.time.Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(int maxFailures, java.time.Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    boolean locked(String username) {
        Deque<Instant> times = failures.get(key(username));
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= maxFailures;
        }
    }

    void failed(String username) {
        Deque<Instant> times = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(e -> !locked(e.getKey()));
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
