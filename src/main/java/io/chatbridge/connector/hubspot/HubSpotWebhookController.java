package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/hubspot}: HubSpot's CRM change events. The v3 signature is checked over the raw
 * bytes (bounded read) before anything parses them; the events are committed ({@code hubspot_event}, one
 * row per event id) before the 200, and applied afterwards by {@link HubSpotChangeDetector}. A database
 * outage answers 503 so HubSpot retries.
 */
@RestController
class HubSpotWebhookController {

    private static final Logger log = LoggerFactory.getLogger(HubSpotWebhookController.class);

    private final HubSpotProperties properties;
    private final HubSpotSignature signature;
    private final HubSpotEventStore events;
    private final ObjectMapper json;
    private final Clock clock;

    HubSpotWebhookController(HubSpotProperties properties, HubSpotEventStore events, ObjectMapper json, Clock clock) {
        this.properties = properties;
        boolean hasSecret =
                properties.clientSecret() != null && !properties.clientSecret().isBlank();
        this.signature = hasSecret ? new HubSpotSignature(properties.clientSecret()) : null;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/webhooks/hubspot")
    ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        if (signature == null
                || !signature.verifyV3(
                        request.getMethod(),
                        signedUri(request),
                        body,
                        request.getHeader("X-HubSpot-Request-Timestamp"),
                        request.getHeader("X-HubSpot-Signature-v3"),
                        clock.instant(),
                        properties.maxSkew())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        List<JsonNode> parsed = parse(body);
        if (parsed == null) {
            log.warn("A signed HubSpot webhook was not an array of events ({} bytes); refused", body.length);
            return ResponseEntity.badRequest().build();
        }
        try {
            events.store(parsed);
            return ResponseEntity.ok().build();
        } catch (DataAccessException e) {
            log.error("Cannot store HubSpot events, asking HubSpot to retry: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
    }

    /** The URL as HubSpot called it: the configured public URL, else what this server saw. */
    private String signedUri(HttpServletRequest request) {
        String query = request.getQueryString();
        String base =
                properties.webhookUrl() != null && !properties.webhookUrl().isBlank()
                        ? properties.webhookUrl()
                        : request.getRequestURL().toString();
        return query == null || base.contains("?") ? base : base + "?" + query;
    }

    private List<JsonNode> parse(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isArray()) {
                return null;
            }
            List<JsonNode> result = new ArrayList<>();
            for (JsonNode e : root) {
                if (!e.path("eventId").canConvertToLong()
                        || !e.path("subscriptionType").isTextual()) {
                    return null;
                }
                result.add(e);
            }
            return result;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }
}
