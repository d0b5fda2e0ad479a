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
 * Access tokens for Xero: OAuth 2.0 client credentials for a custom connection, or, when {@code
 * chatbridge.xero.refresh-token} is set, the refresh-token grant of an app the organisation authorised
 * (Xero rotates that token on every use; {@link RefreshTokens} keeps the chain in the database). A
 * token lives about 30 minutes; it is kept until a minute before it expires and then fetched again, so
 * a busy connector asks the token endpoint about twice an hour, and a 401 from the API drops it early.
 */
@Component
class XeroTokens {

    private static final Duration EARLY = Duration.ofSeconds(60);

    private record Token(String value, Instant refreshAt) {}

    private final XeroProperties properties;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final RefreshTokens chain;
    private volatile Token token;

    /** Client credentials only (no database). */
    XeroTokens(XeroProperties properties, Clock clock) {
        this(properties, clock, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    XeroTokens(XeroProperties properties, Clock clock, RefreshTokens chain) {
        this.properties = properties;
        this.clock = clock;
        this.chain = chain;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .build();
    }

    /** {@code refresh_token} or {@code client_credentials}, for the status page. */
    String grant() {
        return properties.usesRefreshToken() ? "refresh_token" : "client_credentials";
    }

    /** Why the refresh-token chain stopped, shared by every instance, or null. */
    String problem() {
        return properties.usesRefreshToken() && chain != null ? chain.problem(properties.tenantId()) : null;
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
        if (properties.usesRefreshToken() && chain != null) {
            chain.dropAccess(properties.tenantId());
        }
    }

    private Token fetch() throws XeroCallException {
        if (!properties.usesRefreshToken()) {
            RefreshTokens.Granted granted = exchange(clientCredentials());
            return new Token(granted.accessToken(), granted.expiresAt().minus(EARLY));
        }
        if (chain == null) {
            throw new IllegalStateException("the refresh-token grant needs the database (RefreshTokens)");
        }
        RefreshTokens.Granted granted = chain.access(
                properties.tenantId(),
                properties.refreshToken(),
                new TokenSeal(properties.clientSecret()),
                refresh -> exchange("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refresh, StandardCharsets.UTF_8)));
        return new Token(granted.accessToken(), granted.expiresAt().minus(EARLY));
    }

    private RefreshTokens.Granted exchange(String form) throws XeroCallException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.tokenUrl()))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Basic " + basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                // retryable even when the credentials are wrong: payments wait for the admin, they are not lost
                throw new XeroCallException(
                        "token endpoint answered " + response.statusCode() + ": " + oauthError(response.body())
                                + advice(response.body()),
                        401,
                        true,
                        false,
                        null);
            }
            JsonNode body = json.readTree(response.body());
            long expiresIn = body.path("expires_in").asLong(1800);
            String rotated = body.path("refresh_token").asText(null);
            return new RefreshTokens.Granted(
                    body.path("access_token").asText(), clock.instant().plusSeconds(expiresIn), rotated);
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

    private String clientCredentials() {
        String form = "grant_type=client_credentials";
        if (properties.scopes() != null && !properties.scopes().isBlank()) {
            form += "&scope=" + URLEncoder.encode(properties.scopes(), StandardCharsets.UTF_8);
        }
        return form;
    }

    /** What an admin must do when the refresh token is spent or revoked. */
    private String advice(String body) {
        return properties.usesRefreshToken() && "invalid_grant".equals(oauthError(body))
                ? " (the refresh token was used already or revoked: authorise chatbridge in Xero again and set"
                        + " CHATBRIDGE_XERO_REFRESH_TOKEN to the new refresh token)"
                : "";
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
