package io.chatbridge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.common.Storable;
import java.util.ArrayList;
import java.util.List;

/** Lists the message and status ids of a WhatsApp webhook envelope; anything else is left alone. */
final class WebhookItems {

    private WebhookItems() {}

    static List<InboxItem> of(JsonNode envelope) {
        List<InboxItem> items = new ArrayList<>();
        for (JsonNode entry : envelope.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode message : value.path("messages")) {
                    String id = Storable.id(message.path("id").asText(""));
                    if (!id.isEmpty()) {
                        items.add(InboxItem.message(id));
                    }
                }
                for (JsonNode status : value.path("statuses")) {
                    String id = Storable.id(status.path("id").asText(""));
                    if (!id.isEmpty()) {
                        items.add(InboxItem.status(
                                id, Storable.id(status.path("status").asText("unknown"))));
                    }
                }
            }
        }
        return items;
    }
}
