package io.chatbridge.support;

import io.chatbridge.ingest.SignatureVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Signs and posts WhatsApp webhooks over a real socket, as Meta would. */
public final class Webhooks {

    public static final String APP_SECRET = "test_app_secret_123";
    public static final String VERIFY_TOKEN = "test-verify-token";
    public static final String PHONE_NUMBER_ID = "106540352242922";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SignatureVerifier signer = new SignatureVerifier(APP_SECRET);
    private final String baseUrl;

    public Webhooks(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public HttpResponse<String> post(byte[] body) {
        return post(body, signer.sign(body), "application/json");
    }

    public HttpResponse<String> post(byte[] body, String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/whatsapp"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String pathAndQuery, String user, String password) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET();
        if (user != null) {
            String token = java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A text message webhook from one customer, in Meta's envelope. */
    public static byte[] textMessage(String wamid, String waId, String name, long epochSeconds, String text) {
        String json =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},
                "field":"messages"}]}]}"""
                        .formatted(PHONE_NUMBER_ID, name, waId, waId, wamid, epochSeconds, text);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A reaction webhook: the customer put {@code emoji} on the message {@code to}. */
    public static byte[] reactionMessage(
            String wamid, String waId, String name, long epochSeconds, String to, String emoji) {
        String json =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"reaction",
                "reaction":{"message_id":"%s","emoji":"%s"}}]},
                "field":"messages"}]}]}"""
                        .formatted(PHONE_NUMBER_ID, name, waId, waId, wamid, epochSeconds, to, emoji);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An image message webhook (Meta's shape: {@code image.id}, {@code mime_type}, {@code sha256}, an
     * optional {@code caption}); {@code caption} null sends a bare screenshot.
     */
    public static byte[] imageMessage(
            String wamid, String waId, String name, long epochSeconds, String caption, String mediaId) {
        String image = "{\"mime_type\":\"image/jpeg\",\"sha256\":\"sha-" + mediaId + "\",\"id\":\"" + mediaId + "\""
                + (caption == null ? "" : ",\"caption\":\"" + caption + "\"") + "}";
        String json =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"image","image":%s}]},
                "field":"messages"}]}]}"""
                        .formatted(PHONE_NUMBER_ID, name, waId, waId, wamid, epochSeconds, image);
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
