package io.chatbridge.support.hubspot;

import io.chatbridge.connector.hubspot.HubSpotSignature;
import io.chatbridge.support.TestApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole chatbridge instance with the shipped mappings, the HubSpot connector pointed at a
 * {@link FakeHubSpot}, and round-robin owners 101 and 102 with 201 for weddings (as the environment
 * would set them); plus signing of HubSpot webhooks as HubSpot would.
 */
public final class HubSpotInstance {

    public static final String CLIENT_SECRET = "hubspot-test-client-secret";

    private HubSpotInstance() {}

    public static ConfigurableApplicationContext start(FakeHubSpot fake, Path dir, String... extraProperties) {
        List<String> args = new ArrayList<>(List.of(
                "--chatbridge.hubspot.base-url=" + fake.baseUrl(),
                "--chatbridge.hubspot.access-token=" + FakeHubSpot.TOKEN,
                "--chatbridge.hubspot.client-secret=" + CLIENT_SECRET,
                "--chatbridge.hubspot.flush-interval=300ms",
                "--chatbridge.hubspot.events-interval=200ms",
                "--chatbridge.hubspot.backoff-unit=100ms",
                "--chatbridge.hubspot.request-timeout=5s",
                "--chatbridge.outbox.max-backoff=2s"));
        for (String extra : extraProperties) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(key));
            args.add(extra);
        }
        Path mappings = withOwners(dir.resolve("mappings"));
        return TestApplication.startWithMappings(dir.resolve("data"), mappings, args.toArray(String[]::new));
    }

    /** Copies {@code mappings/} with the owner variables filled in, as the environment would. */
    public static Path withOwners(Path target) {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                String text = Files.readString(file)
                        .replace("${HUBSPOT_OWNER_1:}", "\"101\"")
                        .replace("${HUBSPOT_OWNER_2:}", "\"102\"")
                        .replace("${HUBSPOT_WEDDING_OWNER:}", "\"201\"");
                Files.writeString(target.resolve(file.getFileName()), text);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A webhook POST signed with v3 for {@code timestampMillis}. */
    public static HttpRequest signedWebhook(int port, String body, long timestampMillis) {
        String uri = "http://localhost:" + port + "/webhooks/hubspot";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature =
                new HubSpotSignature(CLIENT_SECRET).signV3("POST", uri, bytes, String.valueOf(timestampMillis));
        return HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json")
                .header("X-HubSpot-Signature-v3", signature)
                .header("X-HubSpot-Request-Timestamp", String.valueOf(timestampMillis))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }

    /** One {@code deal.propertyChange} event in HubSpot's shape. */
    public static String dealChange(long eventId, String dealId, String property, String value) {
        return """
                [{"eventId":%d,"subscriptionId":2345,"portalId":62515,"appId":54321,"occurredAt":%d,\
                "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":%s,\
                "propertyName":"%s","propertyValue":"%s","changeSource":"CRM","sourceId":"userId:7"}]"""
                .formatted(eventId, System.currentTimeMillis(), dealId, property, value);
    }
}
