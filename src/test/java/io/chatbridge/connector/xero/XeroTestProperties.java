package io.chatbridge.connector.xero;

import io.chatbridge.support.xero.FakeXero;
import java.time.Duration;

/** Connector settings pointing at a fake Xero, for tests that build the connector's parts directly. */
final class XeroTestProperties {

    private XeroTestProperties() {}

    static XeroProperties of(FakeXero fake, String clientSecret) {
        return of(fake, clientSecret, null);
    }

    static XeroProperties of(FakeXero fake, String clientSecret, String refreshToken) {
        return new XeroProperties(
                fake.basePath(),
                fake.tokenUrl(),
                FakeXero.CLIENT_ID,
                clientSecret,
                FakeXero.TENANT_ID,
                "",
                "090",
                48,
                4,
                4000,
                50,
                12,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                refreshToken);
    }
}
