package io.chatbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WebhookItemsTests {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void listsEveryMessageAndStatusIdOfAnEnvelope() throws Exception {
        var all = json.readTree(Path.of("src/test/resources/fixtures/whatsapp/all_message_types.json")
                .toFile());
        assertThat(WebhookItems.of(all)).hasSize(16).allMatch(item -> item.kind()
                .equals("message"));
        var failed = json.readTree(Path.of("src/test/resources/fixtures/whatsapp/status_failed.json")
                .toFile());
        assertThat(WebhookItems.of(failed))
                .containsExactly(
                        new InboxItem("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA:failed", "status"));
    }

    @Test
    void ignoresShapesItDoesNotKnow() throws Exception {
        assertThat(WebhookItems.of(json.readTree("{\"entry\":7}"))).isEmpty();
        assertThat(WebhookItems.of(json.readTree("{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{}]}}]}]}")))
                .isEmpty();
    }
}
