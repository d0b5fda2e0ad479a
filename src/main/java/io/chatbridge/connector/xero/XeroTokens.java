package io.chatbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Access tokens for a Xero custom connection (OAuth 2.0 client credentials). A token lives about 30
 * minutes; it is kept until a minute before it expires and then fetched again, so a busy connector
 * asks the token endpoint about twice an hour, and a 401 from the API drops it early.
 */
@Component
class XeroTokens {

    private static final Duration EARLY = Duration.ofSeconds(60);

    private record Token(String value, Instant refreshAt) {}

    private final XeroProperties properties;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private volatile Token token;

    XeroTokens(XeroProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .build();
    }

    /** A valid access token, fetched when none is cached or the cached one is about to expire. */
    String current() throws XeroCallException {
        Token cached = token;
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.value();
        }
        synchronized (this) {
            if (token == null || !clock.instant().isBefore(token.refreshAt())) {
                token = fetch();
            }
            return token.value();
        }
    }

    /** Forgets the cached token (the API answered 401), so the next call fetches a new one. */
    void invalidate() {
        token = null;
    }

    private Token fetch() throws XeroCallException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenUrl()))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Basic " + basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // retryable even when the credentials are wrong: payments wait for the admin, they are not lost
                throw new XeroCallException(
                        "token endpoint answered " + response.statusCode() + ": " + oauthError(response.body()),
                        401,
                        true,
                        false,
                        null);
            }
            JsonNode body = json.readTree(response.body());
            long expiresIn = body.path("expires_in").asLong(1800);
            return new Token(
                    body.path("access_token").asText(),
                    clock.instant().plusSeconds(expiresIn).minus(EARLY));
        } catch (IOException e) {
            throw new XeroCallException("token endpoint unreachable: " + e.getMessage(), 0, true, false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XeroCallException("interrupted while fetching a token", 0, true, false, null);
        }
    }

    private String basic() {
        String pair = properties.clientId() + ":" + properties.clientSecret();
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private String form() {
        String form = "grant_type=client_credentials";
        if (properties.scopes() != null && !properties.scopes().isBlank()) {
            form += "&scope=" + URLEncoder.encode(properties.scopes(), StandardCharsets.UTF_8);
        }
        return form;
    }

    /** The OAuth error code only: the body could echo something we would rather not log. */
    private String oauthError(String body) {
        try {
            return json.readTree(body).path("error").asText("unknown error");
        } catch (IOException e) {
            return "unreadable answer";
        }
    }
}
