package io.chatbridge.conversation;

import io.chatbridge.common.Pii;
import io.chatbridge.extract.ChatMessage;
import io.chatbridge.extract.ConversationWindow;
import io.chatbridge.extract.Extractor;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.record.RecordService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs extraction for conversations that received messages, in order within each conversation: the
 * conversation row is locked while its messages are read, records upserted and messages marked, so
 * two instances never work on one conversation at once. Each conversation runs under a savepoint: one
 * that fails (a bug on an odd message) is parked with its error and does not hold up the others.
 * Called by the {@code extract-records} route.
 */
@Component("conversationExtraction")
public class ConversationExtraction {

    private static final Logger log = LoggerFactory.getLogger(ConversationExtraction.class);
    private static final int MAX_ROUNDS = 50;
    /** Fresh messages per conversation and pass: an imported chat of years arrives in slices, not at once. */
    static final int MAX_FRESH = 2000;

    private final JdbcClient jdbc;
    private final Extractor extractor;
    private final RecordService records;
    private final PipelineProperties properties;
    private final TransactionTemplate transaction;

    ConversationExtraction(JdbcClient jdbc, Extractor extractor, RecordService records, PipelineProperties properties,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.extractor = extractor;
        this.records = records;
        this.properties = properties;
        this.transaction = transaction;
    }

    public int drain() {
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Integer handled = transaction.execute(this::extractBatch);
            total += handled == null ? 0 : handled;
            if (handled == null || handled < properties.batchSize()) {
                break;
            }
        }
        return total;
    }

    private int extractBatch(TransactionStatus status) {
        List<PendingConversation> pending = jdbc.sql("""
                        select id, phone_number_id, customer_wa_id from conversation
                        where pending_extraction order by last_message_at limit ? for update skip locked""")
                .param(properties.batchSize())
                .query((rs, n) -> new PendingConversation(
                        rs.getString("id"), rs.getString("phone_number_id"), rs.getString("customer_wa_id")))
                .list();
        for (PendingConversation conversation : pending) {
            Object savepoint = status.createSavepoint();
            try {
                extract(conversation);
                status.releaseSavepoint(savepoint);
            } catch (RuntimeException e) {
                status.rollbackToSavepoint(savepoint);
                park(conversation, e);
            }
        }
        return pending.size();
    }

    private void extract(PendingConversation conversation) {
        List<StoredMessage> fresh = jdbc.sql("""
                        select id, external_id, direction, sender_name, type, text, sent_at from message
                        where conversation_id = ? and not extracted order by sent_at, id limit ?""")
                .params(conversation.id(), MAX_FRESH)
                .query(StoredMessage::read)
                .list();
        if (!fresh.isEmpty()) {
            Instant from = fresh.get(0).sentAt().minus(properties.window());
            List<ChatMessage> window = jdbc.sql("""
                            select id, external_id, direction, sender_name, type, text, sent_at from message
                            where conversation_id = ? and sent_at >= ? and sent_at <= ? order by sent_at, id""")
                    .params(conversation.id(), Timestamp.from(from),
                            Timestamp.from(fresh.get(fresh.size() - 1).sentAt()))
                    .query(StoredMessage::read)
                    .list()
                    .stream()
                    .map(StoredMessage::toChatMessage)
                    .toList();
            String customerPhone = customerPhone(conversation.customerWaId());
            List<RecordDraft> drafts = extractor.extract(
                    new ConversationWindow(conversation.id(), conversation.phoneNumberId(), customerPhone, window));
            String cause = fresh.get(fresh.size() - 1).externalId();
            for (RecordDraft draft : drafts) {
                records.applyDraft(conversation.id(), customerPhone, draft, cause);
            }
            jdbc.sql("update message set extracted = true where id = any(?)")
                    .param(fresh.stream().map(StoredMessage::id).toArray(Long[]::new))
                    .update();
        }
        if (fresh.size() < MAX_FRESH) {
            jdbc.sql("update conversation set pending_extraction = false where id = ?").param(conversation.id()).update();
        }
    }

    /** A WhatsApp id is the number's digits; an export author without a number has a name key instead. */
    private static String customerPhone(String customerWaId) {
        return !customerWaId.isEmpty() && customerWaId.chars().allMatch(Character::isDigit) ? "+" + customerWaId : null;
    }

    private void park(PendingConversation conversation, RuntimeException e) {
        log.error("Extraction failed for conversation {}; its messages stay unextracted until it is retried",
                Pii.maskConversation(conversation.id()), e);
        jdbc.sql("update conversation set pending_extraction = false where id = ?").param(conversation.id()).update();
    }

    private record PendingConversation(String id, String phoneNumberId, String customerWaId) {}

    private record StoredMessage(
            long id, String externalId, String direction, String senderName, String type, String text, Instant sentAt) {

        static StoredMessage read(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
            return new StoredMessage(rs.getLong("id"), rs.getString("external_id"), rs.getString("direction"),
                    rs.getString("sender_name"), rs.getString("type"), rs.getString("text"),
                    rs.getTimestamp("sent_at").toInstant());
        }

        ChatMessage toChatMessage() {
            return new ChatMessage(externalId, "out".equals(direction), senderName, sentAt, type, text == null ? "" : text);
        }
    }
}
