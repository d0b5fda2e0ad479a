package io.chatbridge.connector.whatsapp;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How chatbridge sends through the WhatsApp Cloud API. Binds the same {@code chatbridge.whatsapp}
 * prefix as the webhook settings; this record holds only the sending side.
 *
 * <p>While {@code access-token} is unset nothing is sent: each message is kept as {@code not_sent},
 * so an admin sees exactly what would have gone out.
 *
 * @param apiBaseUrl the Graph API host; tests point it at a local fake
 * @param apiVersion the Graph API version in the path ({@code v23.0})
 * @param accessToken a system-user token with {@code whatsapp_business_messaging}; from the environment
 * @param messagesPerSecond per business number (Meta's default throughput is 80/s)
 * @param pairInterval per recipient, one message every this long (Meta: 1 per 6 s)
 * @param pairBurst messages a recipient may get at once before the pair interval applies
 * @param maxAttempts failed tries before a message goes to the dead state
 * @param baseBackoff first retry delay, doubled per attempt with jitter
 * @param maxBackoff cap on the retry delay
 * @param lease how long a claimed message belongs to one sender before another may take it over
 * @param batchSize messages claimed per round
 * @param timeout connect and read timeout of one API call
 * @param crashStatusWait how long a message whose sender crashed mid-call waits for WhatsApp's status
 *     echo before it is sent again (the echo proves it went out)
 * @param crashMaxWait how long such a message may wait beyond that while webhooks that had arrived when
 *     the status wait ended (they may hold the echo) are still being read; after it, it is sent again
 *     regardless, so it is never stuck
 */
@ConfigurationProperties("chatbridge.whatsapp")
public record WhatsAppSendProperties(
        @DefaultValue("https://graph.facebook.com") URI apiBaseUrl,
        @DefaultValue("v23.0") String apiVersion,
        String accessToken,
        @DefaultValue("80") int messagesPerSecond,
        @DefaultValue("6s") Duration pairInterval,
        @DefaultValue("10") int pairBurst,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("2s") Duration baseBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("1m") Duration crashStatusWait,
        @DefaultValue("10m") Duration crashMaxWait) {

    public boolean sendingEnabled() {
        return accessToken != null && !accessToken.isBlank();
    }

    @Override
    public String toString() {
        return "WhatsAppSendProperties[apiBaseUrl=" + apiBaseUrl + ", apiVersion=" + apiVersion + ", accessToken="
                + (sendingEnabled() ? "***" : "unset") + ", messagesPerSecond=" + messagesPerSecond + ", pairInterval="
                + pairInterval + ", pairBurst=" + pairBurst + "]";
    }
}
