package io.chatbridge.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the WhatsApp Cloud API webhook edge. The secrets come from the environment
 * ({@code CHATBRIDGE_WHATSAPP_APP_SECRET}, {@code CHATBRIDGE_WHATSAPP_VERIFY_TOKEN}); while the app
 * secret is unset every POST is refused, because an unsigned webhook is never accepted.
 */
@ConfigurationProperties("chatbridge.whatsapp")
public record WhatsAppWebhookProperties(String appSecret, String verifyToken, DataSize maxBodyBytes) {

    public WhatsAppWebhookProperties {
        if (maxBodyBytes == null) {
            maxBodyBytes = DataSize.ofMegabytes(3);
        }
    }

    @Override
    public String toString() {
        return "WhatsAppWebhookProperties[appSecret=" + (hasText(appSecret) ? "***" : "unset") + ", verifyToken="
                + (hasText(verifyToken) ? "***" : "unset") + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
