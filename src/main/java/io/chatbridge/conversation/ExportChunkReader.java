package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@link ExportChunk} from its inbox bytes into messages ready to store. */
final class ExportChunkReader {

    private final ObjectMapper json;

    ExportChunkReader(ObjectMapper json) {
        this.json = json;
    }

    List<InboundMessage> read(byte[] raw) throws IOException {
        ExportChunk chunk = json.readValue(raw, ExportChunk.class);
        if (chunk.format() != ExportChunk.FORMAT) {
            throw new IOException("unknown export chunk format " + chunk.format());
        }
        return messages(chunk);
    }

    /** The messages of a chunk in hand, as {@link #read} gives them from its bytes. */
    List<InboundMessage> messages(ExportChunk chunk) {
        List<InboundMessage> messages = new ArrayList<>(chunk.messages().size());
        for (ExportChunk.Message m : chunk.messages()) {
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
                    IsoInstants.parse(m.sentAt()),
                    // the chunk in the inbox holds the message as imported; the row keeps where it came from
                    provenance(chunk, m),
                    m.direction(),
                    m.author()));
        }
        return messages;
    }

    private ObjectNode provenance(ExportChunk chunk, ExportChunk.Message m) {
        ObjectNode node = json.createObjectNode();
        node.put("source", chunk.source());
        node.put("line", m.line());
        return node;
    }
}
