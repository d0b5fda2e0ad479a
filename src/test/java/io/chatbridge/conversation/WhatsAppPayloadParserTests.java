package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WhatsAppPayloadParserTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    private final WhatsAppPayloadParser parser = new WhatsAppPayloadParser(new ObjectMapper());

    @Test
    void readsTheTextOfEveryMessageType() throws IOException {
        ParsedWebhook webhook = parse("all_message_types.json");
        Map<String, InboundMessage> byId =
                webhook.messages().stream().collect(Collectors.toMap(InboundMessage::externalId, Function.identity()));

        assertThat(byId).hasSize(16);
        assertThat(byId.get("wamid.text1").text()).isEqualTo("Quero reservar para sábado, 8 pessoas \uD83C\uDF82");
        assertThat(byId.get("wamid.image1").text()).isEqualTo("paid 250 ref INV-2041");
        assertThat(byId.get("wamid.image1").media().path("id").asText()).isEqualTo("1001");
        assertThat(byId.get("wamid.video1").text()).isEqualTo("the venue");
        assertThat(byId.get("wamid.audio1").text()).isEmpty();
        assertThat(byId.get("wamid.audio1").media().path("voice").asBoolean()).isTrue();
        assertThat(byId.get("wamid.doc1").text()).isEqualTo("invoice");
        assertThat(byId.get("wamid.sticker1").text()).isEmpty();
        assertThat(byId.get("wamid.location1").text()).isEqualTo("Padaria Central\nRua Augusta 100");
        assertThat(byId.get("wamid.contacts1").text()).isEqualTo("João Lima\n+55 11 98888-7777");
        assertThat(byId.get("wamid.button_reply1").text()).isEqualTo("Confirm booking");
        assertThat(byId.get("wamid.button_reply1").context().path("id").asText())
                .isEqualTo("wamid.out1");
        assertThat(byId.get("wamid.list_reply1").text()).isEqualTo("Saturday 7pm\nMain room");
        assertThat(byId.get("wamid.button1").text()).isEqualTo("Yes, remind me");
        assertThat(byId.get("wamid.reaction1").text()).isEqualTo("\uD83D\uDC4D");
        assertThat(byId.get("wamid.order1").text()).isEqualTo("for friday");
        assertThat(byId.get("wamid.system1").text()).startsWith("User A changed");
        assertThat(byId.get("wamid.unsupported1").text()).isEmpty();
        assertThat(byId.get("wamid.future1").type()).isEqualTo("hologram");
        assertThat(byId.get("wamid.future1")
                        .payload()
                        .path("brand_new_field")
                        .path("x")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void buildsConversationsFromBusinessNumberAndCustomerAndKeepsNamesAndTimes() throws IOException {
        InboundMessage text = parse("text_message.json").messages().get(0);
        assertThat(text.conversationId()).isEqualTo("106540352242922:16505551234");
        assertThat(text.customerName()).isEqualTo("Sheena Nelson");
        assertThat(text.displayPhoneNumber()).isEqualTo("15550783881");
        assertThat(text.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
    }

    @Test
    void readsStatusesWithTheirErrorsAndValueLevelErrors() throws IOException {
        StatusUpdate failed = parse("status_failed.json").statuses().get(0);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.errors().get(0).path("code").asInt()).isEqualTo(131049);
        assertThat(parse("status_sent.json").statuses())
                .extracting(StatusUpdate::status)
                .containsExactly("sent");
        WebhookError error = parse("value_level_error_130429.json").errors().get(0);
        assertThat(error.code()).isEqualTo(130429);
        assertThat(error.phoneNumberId()).isEqualTo("106540352242922");
    }

    @Test
    void keepsOtherFieldsApartAndToleratesMissingTimestamps() throws IOException {
        assertThat(parse("all_message_types.json").otherFields()).containsExactly("account_update");
        String noTimestamp =
                "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"1\"},"
                        + "\"messages\":[{\"from\":\"2\",\"id\":\"w\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}";
        assertThat(parser.parse(noTimestamp.getBytes(StandardCharsets.UTF_8), RECEIVED)
                        .messages()
                        .get(0)
                        .sentAt())
                .isEqualTo(RECEIVED);
    }

    @Test
    void failsOnBytesThatAreNotJson() {
        assertThatThrownBy(() -> parser.parse("{nope".getBytes(StandardCharsets.UTF_8), RECEIVED))
                .isInstanceOf(IOException.class);
    }

    private ParsedWebhook parse(String fixture) throws IOException {
        return parser.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/whatsapp", fixture)), RECEIVED);
    }
}
