package io.chatbridge.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WhatsApp Cloud API webhook: the verification handshake and the event POST.
 *
 * <p>A POST is answered 200 only after its raw bytes are committed to the inbox; the signature is
 * checked over those bytes before anything parses them. Every payload problem gets a 4xx (so Meta
 * stops retrying a payload that can never succeed); a database outage gets 503 (so Meta retries).
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
class WhatsAppWebhookController {

    static final String CHANNEL = "whatsapp";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

    private final WhatsAppWebhookProperties properties;
    private final SignatureVerifier verifier;
    private final InboxStore inbox;
    private final QuarantineStore quarantine;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Counter received;
    private final Counter duplicates;

    WhatsAppWebhookController(
            WhatsAppWebhookProperties properties,
            InboxStore inbox,
            QuarantineStore quarantine,
            ObjectMapper json,
            MeterRegistry meters) {
        this.properties = properties;
        this.verifier = WhatsAppWebhookProperties.hasText(properties.appSecret())
                ? new SignatureVerifier(properties.appSecret())
                : null;
        this.inbox = inbox;
        this.quarantine = quarantine;
        this.json = json;
        this.meters = meters;
        this.received = meters.counter("chatbridge.webhooks.received", "channel", CHANNEL);
        this.duplicates = meters.counter("chatbridge.webhooks.duplicates", "channel", CHANNEL);
        if (verifier == null) {
            log.warn("chatbridge.whatsapp.app-secret is not set (CHATBRIDGE_WHATSAPP_APP_SECRET): "
                    + "every WhatsApp webhook POST will be refused with 401");
        }
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        String expected = properties.verifyToken();
        boolean valid = "subscribe".equals(mode)
                && WhatsAppWebhookProperties.hasText(expected)
                && token != null
                && MessageDigest.isEqual(expected.getBytes(UTF_8), token.getBytes(UTF_8))
                && challenge != null;
        return valid
                ? ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge)
                : ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    @PostMapping
    ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            return reject(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media_type");
        }
        long limit = properties.maxBodyBytes().toBytes();
        if (request.getContentLengthLong() > limit) {
            return reject(HttpStatus.PAYLOAD_TOO_LARGE, "too_large");
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            return reject(HttpStatus.PAYLOAD_TOO_LARGE, "too_large");
        }
        if (verifier == null || !verifier.verify(body, request.getHeader("X-Hub-Signature-256"))) {
            return reject(HttpStatus.UNAUTHORIZED, "signature");
        }
        try {
            return store(contentType, body);
        } catch (SQLException | DataAccessException e) {
            log.error("Inbox unavailable, asking Meta to retry: {}", e.getMessage());
            meters.counter("chatbridge.webhooks.rejected", "channel", CHANNEL, "reason", "unavailable")
                    .increment();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "5")
                    .build();
        }
    }

    private ResponseEntity<Void> store(String contentType, byte[] body) throws SQLException {
        JsonNode envelope = parse(body);
        if (envelope == null || !envelope.isObject()) {
            long id = quarantine.store(
                    CHANNEL, contentType, body, envelope == null ? "invalid JSON" : "not a JSON object");
            log.warn("Signed webhook body is not a JSON object; kept as quarantine #{}", id);
            return reject(HttpStatus.BAD_REQUEST, "bad_json");
        }
        List<InboxItem> items = WebhookItems.of(envelope);
        long id = inbox.store(CHANNEL, contentType, body, items);
        received.increment();
        if (id < 0) {
            duplicates.increment();
        }
        return ResponseEntity.ok().build();
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private ResponseEntity<Void> reject(HttpStatus status, String reason) {
        meters.counter("chatbridge.webhooks.rejected", "channel", CHANNEL, "reason", reason)
                .increment();
        return ResponseEntity.status(status).build();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads the body, or returns null as soon as it grows past the limit (chunked bodies have no length). */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }
}
