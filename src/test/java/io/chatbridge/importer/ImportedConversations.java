package io.chatbridge.importer;

import io.chatbridge.extract.ChatMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages of an export as the import's extraction reads them, without a database: each message placed
 * in its conversation ({@link ConversationPlacer}), given its stable id ({@link MessageIds}), its zone's
 * instant and its direction as {@link FileImport} does, grouped per conversation in file order (the order
 * the stored messages sort in). For benchmarks of extraction at import size.
 */
public final class ImportedConversations {

    private ImportedConversations() {}

    /**
     * @param businessNumber the {@code --business-number}; its digits are the conversations' business side
     * @return conversation id → its messages, in order of first appearance
     */
    public static Map<String, List<ChatMessage>> read(
            Path file, String businessAuthor, String businessNumber, ZoneId zone) throws IOException {
        ExportScan scan;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            scan = ExportScan.of(reader);
        }
        String phoneNumberId = Phones.digits(businessNumber);
        DateOrder order = scan.dateOrder(Locale.UK).order();
        ConversationPlacer placer = new ConversationPlacer(
                scan.authors(order), businessAuthor, null, file.getFileName().toString());
        MessageIds ids = new MessageIds();
        Map<String, List<ChatMessage>> conversations = new LinkedHashMap<>();
        ExportListener listener = message -> {
            if (message.deleted()) {
                return;
            }
            ConversationPlacer.Placement place = placer.place(message.author());
            String conversationId = phoneNumberId + ":" + place.customerId();
            conversations
                    .computeIfAbsent(conversationId, c -> new ArrayList<>())
                    .add(new ChatMessage(
                            ids.next(conversationId, message, place.fromBusiness()),
                            place.fromBusiness(),
                            message.author(),
                            message.time().atZone(zone).toInstant(),
                            message.type(),
                            message.text() == null ? "" : message.text()));
        };
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            new ExportParser(order).parse(reader, listener);
        }
        return conversations;
    }
}
