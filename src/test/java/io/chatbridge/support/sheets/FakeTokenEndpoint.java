package io.chatbridge.support.sheets;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Google's OAuth 2.0 token endpoint for the service-account flow (a JWT bearer assertion signed with
 * the key in the JSON file, checked here against the public key) and the user refresh-token flow.
 */
final class FakeTokenEndpoint {

    static final String CLIENT_EMAIL = "chatbridge@chatbridge-test.iam.gserviceaccount.com";
    static final String GOOGLE_AUDIENCE = "https://oauth2.googleapis.com/token";
    static final String REFRESH_TOKEN = "1//fake-refresh-token";

    private final Supplier<String> tokenUrl;
    private final KeyPair keys;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();

    FakeTokenEndpoint(Supplier<String> tokenUrl) {
        this.tokenUrl = tokenUrl;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int tokensIssued() {
        return counter.get();
    }

    boolean authorised(String header) {
        return header != null && header.startsWith("Bearer ") && issued.contains(header.substring(7));
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> form =
                    FakeSheets.query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String grant = first(form, "grant_type");
            boolean ok = "urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant)
                            && validAssertion(first(form, "assertion"))
                    || "refresh_token".equals(grant) && REFRESH_TOKEN.equals(first(form, "refresh_token"));
            if (!ok) {
                FakeSheets.sendJson(
                        exchange, 400, Map.of("error", "invalid_grant", "error_description", "Invalid JWT Signature."));
                return;
            }
            String token = "ya29.fake-" + counter.incrementAndGet();
            issued.add(token);
            FakeSheets.sendJson(
                    exchange, 200, Map.of("access_token", token, "expires_in", 3599, "token_type", "Bearer"));
        }
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private boolean validAssertion(String jwt) {
        if (jwt == null) {
            return false;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode claims = FakeSheets.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return CLIENT_EMAIL.equals(claims.path("iss").asText())
                    // the library signs for Google's audience even when it posts to another token_uri
                    && List.of(tokenUrl.get(), GOOGLE_AUDIENCE)
                            .contains(claims.path("aud").asText())
                    && claims.path("scope").asText().contains("https://www.googleapis.com/auth/spreadsheets");
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Writes a service-account key file whose {@code token_uri} points here; returns its path. */
    Path writeServiceAccount(Path dir) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", "chatbridge-test");
        json.put("private_key_id", "fake-key-1");
        json.put("private_key", pem);
        json.put("client_email", CLIENT_EMAIL);
        json.put("client_id", "100000000000000000001");
        json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        json.put("token_uri", tokenUrl.get());
        return write(dir.resolve("service-account.json"), json);
    }

    /** Writes an OAuth user credentials file ({@code authorized_user}) with a refresh token. */
    Path writeAuthorizedUser(Path dir) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "authorized_user");
        json.put("client_id", "fake-client.apps.googleusercontent.com");
        json.put("client_secret", "fake-secret");
        json.put("refresh_token", REFRESH_TOKEN);
        json.put("token_uri", tokenUrl.get());
        return write(dir.resolve("authorized-user.json"), json);
    }

    private static Path write(Path file, Map<String, Object> json) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, FakeSheets.JSON.writeValueAsBytes(json));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
