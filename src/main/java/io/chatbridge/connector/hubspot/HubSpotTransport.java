package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One HubSpot request at a time, the way HubSpot asks to be called: a token from the account's shared
 * budget first (and from the search budget for searches), then the request; a ten-secondly {@code 429},
 * {@code 423 Locked}, 5xx and timeouts are retried with doubling delays; the daily limit is not retried
 * but pauses every call of every instance until the account's midnight. A non-2xx becomes a
 * {@link HubSpotApiException}.
 */
public class HubSpotTransport {

    /** A shared request budget ({@link io.chatbridge.common.RateBucket} in production). */
    public interface Budget {
        void acquire() throws InterruptedException;
    }

    /** Waits; a seam so tests of the retry policy need not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Where the daily-limit pause is kept, so every instance honours it. */
    public interface DailyPause {
        Instant pausedUntil();

        void pauseUntil(Instant until);
    }

    private record Response(int status, JsonNode body, String retryAfter) {}

    private static final Logger log = LoggerFactory.getLogger(HubSpotTransport.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final RestClient rest;
    private final ObjectMapper json;
    private final Budget requests;
    private final Budget searches;
    private final DailyPause pause;
    private final HubSpotProperties properties;
    private final Sleeper sleeper;
    private final Clock clock;

    public HubSpotTransport(
            RestClient rest,
            ObjectMapper json,
            Budget requests,
            Budget searches,
            DailyPause pause,
            HubSpotProperties properties,
            Sleeper sleeper,
            Clock clock) {
        this.rest = rest;
        this.json = json;
        this.requests = requests;
        this.searches = searches;
        this.pause = pause;
        this.properties = properties;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    JsonNode get(String name, String path) throws HubSpotApiException {
        return call(name, false, true, () -> send(rest.get().uri(path)));
    }

    /** A GET whose 404 means "absent" (null) rather than an error. */
    JsonNode getOrNotFound(String name, String path) throws HubSpotApiException {
        try {
            return get(name, path);
        } catch (HubSpotApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    JsonNode post(String name, String path, JsonNode body, boolean idempotent) throws HubSpotApiException {
        return call(name, false, idempotent, () -> send(rest.post().uri(path).body(body)));
    }

    JsonNode search(String name, String path, JsonNode body) throws HubSpotApiException {
        return call(name, true, true, () -> send(rest.post().uri(path).body(body)));
    }

    @FunctionalInterface
    private interface Request {
        Response run() throws HubSpotApiException;
    }

    private JsonNode call(String name, boolean search, boolean idempotent, Request request) throws HubSpotApiException {
        for (int attempt = 0; ; attempt++) {
            checkDailyPause();
            try {
                if (search) {
                    searches.acquire();
                }
                requests.acquire();
                return check(request.run());
            } catch (HubSpotApiException e) {
                if (e.kind() == HubSpotApiException.Kind.DAILY_LIMIT) {
                    pause.pauseUntil(nextMidnight());
                }
                if (!e.retryable() || attempt >= properties.maxRetries() || (!idempotent && e.mayHaveWritten())) {
                    throw e;
                }
                Duration wait = delay(attempt, e.retryAfter());
                log.warn("HubSpot {} failed ({}), retry {} in {} ms", name, describe(e), attempt + 1, wait.toMillis());
                sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubSpotApiException("interrupted", HubSpotApiException.Kind.UNAVAILABLE, 0, null, e);
            }
        }
    }

    private Response send(RestClient.RequestHeadersSpec<?> spec) throws HubSpotApiException {
        try {
            return spec.accept(MediaType.APPLICATION_JSON)
                    .exchange((req, res) -> new Response(
                            res.getStatusCode().value(),
                            readBody(res.getBody().readAllBytes()),
                            res.getHeaders().getFirst("Retry-After")));
        } catch (ResourceAccessException e) {
            throw new HubSpotApiException(
                    "no answer from HubSpot: " + e.getMostSpecificCause().getMessage(),
                    HubSpotApiException.Kind.UNAVAILABLE,
                    0,
                    null,
                    e);
        }
    }

    private JsonNode readBody(byte[] bytes) {
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return json.createObjectNode().put("message", "unreadable answer (" + bytes.length + " bytes)");
        }
    }

    private JsonNode check(Response response) throws HubSpotApiException {
        int status = response.status();
        if (HttpStatusCode.valueOf(status).is2xxSuccessful()) {
            return response.body();
        }
        String message =
                "HTTP " + status + ": " + response.body().path("message").asText("");
        Duration retryAfter = retryAfter(response.retryAfter());
        HubSpotApiException.Kind kind;
        if (status == 429) {
            kind = "DAILY".equals(response.body().path("policyName").asText())
                    ? HubSpotApiException.Kind.DAILY_LIMIT
                    : HubSpotApiException.Kind.RATE_LIMITED;
        } else if (status == 423) {
            kind = HubSpotApiException.Kind.LOCKED;
            retryAfter = retryAfter != null ? retryAfter : Duration.ofSeconds(2);
        } else if (status >= 500) {
            kind = HubSpotApiException.Kind.UNAVAILABLE;
        } else {
            kind = HubSpotApiException.Kind.REFUSED;
        }
        throw new HubSpotApiException(message, kind, status, retryAfter, null);
    }

    private void checkDailyPause() throws HubSpotApiException {
        Instant until = pause.pausedUntil();
        if (until != null && clock.instant().isBefore(until)) {
            throw new HubSpotApiException(
                    "HubSpot's daily limit was reached; calls resume at " + until,
                    HubSpotApiException.Kind.DAILY_LIMIT,
                    429,
                    Duration.between(clock.instant(), until),
                    null);
        }
    }

    /** HubSpot resets the daily limit at midnight in the account's time zone. */
    Instant nextMidnight() {
        ZoneId zone = properties.accountZone();
        return LocalDate.ofInstant(clock.instant(), zone)
                .plusDays(1)
                .atStartOfDay(zone)
                .toInstant();
    }

    Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long millis = properties.backoffUnit().toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(HubSpotApiException e) {
        return e.status() == 0 ? "no answer" : e.status() + " " + e.kind();
    }

    private void sleep(Duration wait) throws HubSpotApiException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubSpotApiException("interrupted", HubSpotApiException.Kind.UNAVAILABLE, 0, null, e);
        }
    }
}
