package io.chatbridge.connector.hubspot;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HubSpot connector's settings ({@code chatbridge.hubspot.*}). The connector is off while the access
 * token is unset; the base URL is what tests point at the fake HubSpot.
 *
 * @param baseUrl the API root ({@code https://api.hubapi.com})
 * @param accessToken a private-app token or an OAuth access token ({@code CHATBRIDGE_HUBSPOT_ACCESS_TOKEN})
 * @param clientSecret the app's client secret, which signs webhooks ({@code X-HubSpot-Signature-v3})
 * @param webhookUrl the public URL HubSpot posts to, when a proxy changes what chatbridge sees; the v3
 *     signature covers the URL exactly as HubSpot called it
 * @param requestsPerTen the account's burst limit per 10 seconds (100 Starter, 190 Professional)
 * @param searchPerSecond search requests per second (HubSpot allows 5 per account)
 * @param accountZone the account's time zone: the daily limit resets at its midnight
 * @param flushInterval how often queued records are written; longer means bigger batches
 * @param poll whether the fallback poller reads deals changed since the last poll (no webhooks)
 * @param pollInterval how often the poller runs and webhook events are processed
 * @param requestTimeout connect and read timeout of one call
 * @param maxRetries retries of one call on 429 (ten-secondly), 423 and 5xx before the outbox takes over
 * @param backoffUnit the first retry delay, doubled on each retry
 * @param maxSkew how old a webhook's timestamp may be (HubSpot: 5 minutes)
 * @param maxBodyBytes larger webhook bodies are refused
 */
@ConfigurationProperties("chatbridge.hubspot")
public record HubSpotProperties(
        @DefaultValue("https://api.hubapi.com") String baseUrl,
        String accessToken,
        String clientSecret,
        String webhookUrl,
        @DefaultValue("100") int requestsPerTen,
        @DefaultValue("4") double searchPerSecond,
        @DefaultValue("UTC") ZoneId accountZone,
        @DefaultValue("5s") Duration flushInterval,
        @DefaultValue("false") boolean poll,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("1s") Duration backoffUnit,
        @DefaultValue("5m") Duration maxSkew,
        @DefaultValue("1048576") long maxBodyBytes) {

    /** The connector writes and reads only with a token. */
    public boolean enabled() {
        return accessToken != null && !accessToken.isBlank();
    }
}
