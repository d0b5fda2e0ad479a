package io.chatbridge.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends messages with {@code POST /{version}/{phone-number-id}/messages} on Spring's {@link RestClient}.
 *
 * <p>Our own thin client rather than Camel's {@code whatsapp} producer: the outbox needs Meta's error
 * {@code code} and {@code details} from the error body to choose between a template fallback (131047),
 * a backoff (130429, 131056) and the dead state, and it owns retries itself (a Camel redelivery would
 * retry behind the outbox's back); it is also one class with no new dependency. Like the Camel
 * component, the base URL is a setting, so tests run it against a local fake of the Graph API.
 */
class GraphApiClient implements WhatsAppClient {

    private final RestClient rest;
    private final ObjectMapper json;
    private final String version;

    GraphApiClient(WhatsAppSendProperties properties, ObjectMapper json) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.timeout());
        this.rest = RestClient.builder()
                .requestFactory(factory)
                .baseUrl(properties.apiBaseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.accessToken())
                .build();
        this.json = json;
        this.version = properties.apiVersion();
    }

    @Override
    public String sendText(String phoneNumberId, String to, String body, String callbackData)
            throws WhatsAppSendException {
        ObjectNode message = envelope(to, "text", callbackData);
        message.putObject("text").put("preview_url", false).put("body", body);
        return post(phoneNumberId, message);
    }

    @Override
    public String sendTemplate(String phoneNumberId, String to, TemplateMessage template, String callbackData)
            throws WhatsAppSendException {
        ObjectNode message = envelope(to, "template", callbackData);
        ObjectNode t = message.putObject("template").put("name", template.name());
        t.putObject("language").put("code", template.language());
        if (!template.parameters().isEmpty()) {
            ArrayNode parameters =
                    t.putArray("components").addObject().put("type", "body").putArray("parameters");
            template.parameters()
                    .forEach(p -> parameters.addObject().put("type", "text").put("text", p));
        }
        return post(phoneNumberId, message);
    }

    private ObjectNode envelope(String to, String type, String callbackData) {
        ObjectNode message = json.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", to.startsWith("+") ? to : "+" + to)
                .put("type", type);
        if (callbackData != null) {
            message.put("biz_opaque_callback_data", callbackData);
        }
        return message;
    }

    private String post(String phoneNumberId, ObjectNode message) throws WhatsAppSendException {
        Reply reply;
        try {
            reply = rest.post()
                    .uri("/{version}/{phoneNumberId}/messages", version, phoneNumberId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(message))
                    .exchange((request, response) -> new Reply(
                            response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                            response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
        } catch (ResourceAccessException | IOException e) {
            throw new WhatsAppSendException(
                    "WhatsApp API not reachable: " + e.getMessage(), WhatsAppSendException.NO_CODE, 0, null, e);
        }
        return reply.status() / 100 == 2 ? wamid(reply) : refusal(reply);
    }

    private String wamid(Reply reply) throws WhatsAppSendException {
        JsonNode id = read(reply.body()).path("messages").path(0).path("id");
        if (!id.isTextual()) {
            throw new WhatsAppSendException(
                    "WhatsApp accepted the message but returned no id",
                    WhatsAppSendException.NO_CODE,
                    reply.status(),
                    null,
                    null);
        }
        return id.asText();
    }

    private String refusal(Reply reply) throws WhatsAppSendException {
        JsonNode error = read(reply.body()).path("error");
        int code = error.path("code").isInt() ? error.path("code").asInt() : WhatsAppSendException.NO_CODE;
        String details = error.path("error_data").path("details").asText("");
        String message = "HTTP " + reply.status() + (code == WhatsAppSendException.NO_CODE ? "" : ", code " + code)
                + ": " + error.path("message").asText(abbreviate(reply.body()))
                + (details.isEmpty() ? "" : " (" + details + ")");
        throw new WhatsAppSendException(message, code, reply.status(), retryAfter(reply.retryAfter()), null);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private record Reply(int status, String body, String retryAfter) {}
}
