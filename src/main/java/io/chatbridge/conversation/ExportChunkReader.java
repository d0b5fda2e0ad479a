package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@link ExportChunk} from its inbox bytes into messages ready to store. */
final class ExportChunkReader {

    private final ObjectMapper json;

    ExportChunkReader(ObjectMapper json) {
        this.json = json;
    }

    List<InboundMessage> read(byte[] raw) throws IOException {
        JsonNode root = json.readTree(raw);
        int format = root.path("format").asInt(-1);
        if (format != ExportChunk.FORMAT) {
            throw new IOException("unknown export chunk format " + format);
        }
        List<InboundMessage> messages = new ArrayList<>();
        for (JsonNode node : root.path("messages")) {
            ExportChunk.Message m = json.treeToValue(node, ExportChunk.Message.class);
            String customerName = m.customerName();
            messages.add(new InboundMessage(
                    m.id(),
                    m.phoneNumberId(),
                    m.businessNumber(),
                    m.customerId(),
                    customerName,
                    m.type(),
                    m.text(),
                    m.media(),
                    null,
                    Instant.parse(m.sentAt()),
                    node,
                    m.direction(),
                    m.author()));
        }
        return messages;
    }
}
