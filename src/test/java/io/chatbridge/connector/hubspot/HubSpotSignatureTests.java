package io.chatbridge.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The vectors are in ../shared/fixtures/whatsapp-webhooks/README.md (v1 is HubSpot's published example). */
class HubSpotSignatureTests {

    static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    static final byte[] BODY =
            "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]"
                    .getBytes(StandardCharsets.UTF_8);
    static final String URI = "https://example.com/webhooks/hubspot";
    static final String TIMESTAMP = "1700000000000";
    static final String V3 = "I5P2ft9o2Bizs16Xe1mRRpu4RAxMKJRlMYpXY8g2CIk=";
    static final Instant AT_TIMESTAMP = Instant.ofEpochMilli(1_700_000_000_000L);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    final HubSpotSignature signature = new HubSpotSignature(SECRET);

    @Test
    void version1MatchesHubSpotsPublishedExample() {
        assertThat(signature.v1(BODY)).isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    }

    @Test
    void version3MatchesOurVectorAndVerifies() {
        assertThat(signature.signV3("POST", URI, BODY, TIMESTAMP)).isEqualTo(V3);
        assertThat(signature.verifyV3("POST", URI, BODY, TIMESTAMP, V3, AT_TIMESTAMP.plusSeconds(60), FIVE_MINUTES))
                .isTrue();
    }

    @Test
    void aTimestampOlderThanFiveMinutesIsRejectedEvenWithAGoodSignature() {
        Instant later = AT_TIMESTAMP.plus(FIVE_MINUTES).plusMillis(1);
        assertThat(signature.verifyV3("POST", URI, BODY, TIMESTAMP, V3, later, FIVE_MINUTES))
                .isFalse();
    }

    @Test
    void aChangedBodyMethodUriOrSecretFails() {
        byte[] changed =
                new String(BODY, StandardCharsets.UTF_8).replace("123", "124").getBytes(StandardCharsets.UTF_8);
        assertThat(signature.verifyV3("POST", URI, changed, TIMESTAMP, V3, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
        assertThat(signature.verifyV3("PUT", URI, BODY, TIMESTAMP, V3, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
        assertThat(signature.verifyV3("POST", URI + "/x", BODY, TIMESTAMP, V3, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
        assertThat(new HubSpotSignature("other").verifyV3("POST", URI, BODY, TIMESTAMP, V3, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
    }

    @Test
    void missingOrMalformedHeadersAreRejectedWithoutAnError() {
        assertThat(signature.verifyV3("POST", URI, BODY, null, V3, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
        assertThat(signature.verifyV3("POST", URI, BODY, TIMESTAMP, null, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
        assertThat(signature.verifyV3("POST", URI, BODY, "yesterday", V3, AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
        assertThat(signature.verifyV3("POST", URI, BODY, TIMESTAMP, "%%not base64%%", AT_TIMESTAMP, FIVE_MINUTES))
                .isFalse();
    }

    @Test
    void onlyTheListedEscapesAreDecodedInTheUri() {
        assertThat(HubSpotSignature.decodeUri("https://x.io/hook?a=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B"))
                .isEqualTo("https://x.io/hook?a=:/?@!$'()*,;");
        assertThat(HubSpotSignature.decodeUri("https://x.io/hook?name=a%20b%26c%3d"))
                .isEqualTo("https://x.io/hook?name=a%20b%26c%3d");
        String signedDecoded = signature.signV3("POST", "https://x.io/h?t=a:b", BODY, TIMESTAMP);
        assertThat(signature.verifyV3(
                        "POST", "https://x.io/h?t=a%3Ab", BODY, TIMESTAMP, signedDecoded, AT_TIMESTAMP, FIVE_MINUTES))
                .isTrue();
    }
}
