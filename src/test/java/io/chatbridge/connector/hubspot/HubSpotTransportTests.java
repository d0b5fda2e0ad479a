package io.chatbridge.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.support.hubspot.FakeHubSpot;
import io.chatbridge.support.hubspot.FakeHubSpot.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * The retry policy against HubSpot's real fault shapes on a real socket: ten-secondly 429, 423 and 500
 * are retried; the daily 429 is not, and pauses every later call until the account's midnight; a note
 * batch that may have been written is not repeated.
 */
class HubSpotTransportTests {

    static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");

    final FakeHubSpot fake = new FakeHubSpot();
    final List<Duration> waits = new ArrayList<>();
    final Instant[] pausedUntil = {null};
    final HubSpotClient client = client(fake.baseUrl(), FakeHubSpot.TOKEN);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aTenSecondly429ALockAndA500AreRetriedAndTheUpsertSucceeds() throws Exception {
        createUniqueProperty();
        fake.failNext("batch/upsert", Fault.TEN_SECONDLY, Fault.LOCKED, Fault.SERVER_ERROR);
        List<HubSpotClient.Upserted> result =
                client.upsert("contacts", "whatsapp_id", List.of(contact("447700900123")));
        assertThat(result)
                .singleElement()
                .extracting(HubSpotClient.Upserted::uniqueValue)
                .isEqualTo("447700900123");
        assertThat(fake.objects("contacts")).hasSize(1);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(1)).isEqualTo(Duration.ofSeconds(2)); // 423: HubSpot's lock lasts about 2 s
    }

    @Test
    void theDailyLimitIsNotRetriedAndPausesEveryCallUntilMidnightInTheAccountsZone() throws Exception {
        createUniqueProperty();
        fake.failNext("batch/upsert", Fault.DAILY);
        assertThatThrownBy(() -> client.upsert("contacts", "whatsapp_id", List.of(contact("1"))))
                .isInstanceOf(HubSpotApiException.class)
                .extracting(e -> ((HubSpotApiException) e).kind())
                .isEqualTo(HubSpotApiException.Kind.DAILY_LIMIT);
        assertThat(waits).isEmpty();
        assertThat(pausedUntil[0]).isEqualTo(Instant.parse("2026-11-27T05:00:00Z")); // midnight in Bogotá
        long before = fake.requests();
        assertThatThrownBy(() -> client.upsert("contacts", "whatsapp_id", List.of(contact("2"))))
                .hasMessageContaining("daily limit");
        assertThat(fake.requests()).isEqualTo(before);
    }

    @Test
    void aNoteBatchThatMayHaveBeenWrittenIsNotRepeated() {
        fake.failNext("notes", Fault.SERVER_ERROR);
        assertThatThrownBy(() ->
                        client.createNotes(List.of(new HubSpotClient.NoteInput(1L, "<p>hi</p>", null, "1", null))))
                .isInstanceOf(HubSpotApiException.class);
        assertThat(fake.requests("fault")).isEqualTo(1);
        assertThat(fake.notes()).isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void aRefusalIsPermanentAndNamesTheProblem() {
        // the unique property was never created, so HubSpot refuses the idProperty
        assertThatThrownBy(() -> client.upsert("contacts", "whatsapp_id", List.of(contact("1"))))
                .isInstanceOf(HubSpotApiException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("whatsapp_id")
                .satisfies(
                        e -> assertThat(((HubSpotApiException) e).retryable()).isFalse());
    }

    @Test
    void aWrongTokenIsRefusedNotRetried() {
        HubSpotClient wrong = client(fake.baseUrl(), "wrong");
        assertThatThrownBy(wrong::owners)
                .isInstanceOf(HubSpotApiException.class)
                .extracting(e -> ((HubSpotApiException) e).status())
                .isEqualTo(401);
        assertThat(waits).isEmpty();
    }

    @Test
    void ownersAndPropertiesAreReadInHubSpotsShapes() throws Exception {
        fake.addOwner("101", "ana@example.com");
        assertThat(client.owners()).containsExactly(new HubSpotClient.Owner("101", "ana@example.com", false));
        assertThat(client.propertyExists("contacts", "whatsapp_id")).isFalse();
        createUniqueProperty();
        assertThat(client.propertyExists("contacts", "whatsapp_id")).isTrue();
        assertThat(fake.hasUniqueProperty("contacts", "whatsapp_id")).isTrue();
    }

    private void createUniqueProperty() throws HubSpotApiException {
        client.createUniqueTextProperty("contacts", "whatsapp_id", "WhatsApp ID", "contactinformation");
    }

    private static HubSpotClient.ObjectInput contact(String waId) {
        return new HubSpotClient.ObjectInput(waId, Map.of("firstname", "Ana"));
    }

    private HubSpotClient client(String baseUrl, String token) {
        HubSpotProperties properties = new HubSpotProperties(
                baseUrl,
                token,
                null,
                null,
                100,
                4,
                ZoneId.of("America/Bogota"),
                Duration.ofSeconds(5),
                false,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                5,
                Duration.ofMillis(100),
                Duration.ofMinutes(5),
                1_048_576);
        RestClient rest = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .build();
        HubSpotTransport.DailyPause pause = new HubSpotTransport.DailyPause() {
            @Override
            public Instant pausedUntil() {
                return pausedUntil[0];
            }

            @Override
            public void pauseUntil(Instant until) {
                pausedUntil[0] = until;
            }
        };
        ObjectMapper json = new ObjectMapper();
        return new HubSpotClient(
                new HubSpotTransport(
                        rest,
                        json,
                        () -> {},
                        () -> {},
                        pause,
                        properties,
                        waits::add,
                        Clock.fixed(NOW, ZoneId.of("UTC"))),
                json);
    }
}
