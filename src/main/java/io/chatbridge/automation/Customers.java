package io.chatbridge.automation;

import io.chatbridge.conversation.ConversationQueries;
import io.chatbridge.extract.Languages;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import io.chatbridge.mapping.RecordTypeMapping;
import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordSnapshot;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What automations need to write to a customer: the record, its mapping, the business, the language. */
@Component
class Customers {

    private final RecordService records;
    private final ConversationQueries conversations;
    private final MappingRegistry mappings;

    Customers(RecordService records, ConversationQueries conversations, MappingRegistry mappings) {
        this.records = records;
        this.conversations = conversations;
        this.mappings = mappings;
    }

    /** A record someone can be written to about; empty when it has no conversation or phone. */
    Optional<Addressee> about(long recordId) {
        List<RecordSnapshot> found = records.snapshots(List.of(recordId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RecordSnapshot record = found.get(0);
        MappingSet set = mappings.current();
        Optional<RecordTypeMapping> type = set.type(record.type());
        if (type.isEmpty() || record.conversationId() == null || record.customerPhone() == null) {
            return Optional.empty();
        }
        String phoneNumberId =
                record.conversationId().substring(0, record.conversationId().lastIndexOf(':'));
        BusinessProfile business = set.business(phoneNumberId);
        return Optional.of(new Addressee(
                record, type.get(), business, phoneNumberId, languageOf(record.conversationId(), business)));
    }

    String languageOf(String conversationId, BusinessProfile business) {
        return Languages.of(conversations.recentCustomerTexts(conversationId, 5), business.languages());
    }

    /** Whether the customer's newest message is from {@code since} or later. */
    boolean wroteSince(Addressee to, java.time.Instant since) {
        return conversations
                .lastCustomerMessageAt(to.record().conversationId())
                .map(at -> !at.isBefore(since))
                .orElse(false);
    }

    MappingSet mappings() {
        return mappings.current();
    }

    /** A record with everything needed to write to its customer. */
    record Addressee(
            RecordSnapshot record,
            RecordTypeMapping type,
            BusinessProfile business,
            String phoneNumberId,
            String language) {

        String render(String text) {
            return MessageRenderer.render(text, record, business, language);
        }
    }
}
