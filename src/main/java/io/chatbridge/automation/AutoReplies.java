package io.chatbridge.automation;

import io.chatbridge.connector.whatsapp.OutboundRequest;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.conversation.InboundMessage;
import io.chatbridge.conversation.MessagesStored;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Answers a message that arrives while the business is closed: once per conversation per closed
 * period ("We're closed right now and will reply from 09:00"), in the customer's language. The key
 * is the conversation and the next opening time, so a second message the same night gets nothing,
 * and a late webhook for a message from last night gets nothing once the business is open.
 */
@Component
class AutoReplies {

    static final String PURPOSE = "autoreply";

    private final Customers customers;
    private final WhatsAppOutbox outbox;
    private final ReminderReplies reminderReplies;
    private final Clock clock;

    AutoReplies(Customers customers, WhatsAppOutbox outbox, ReminderReplies reminderReplies, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.reminderReplies = reminderReplies;
        this.clock = clock;
    }

    @EventListener
    @Order(1) // before ReminderReplies marks the reminder answered
    void on(MessagesStored stored) {
        MappingSet mappings = customers.mappings();
        Instant now = clock.instant();
        for (InboundMessage message : stored.messages()) {
            BusinessProfile business = mappings.business(message.phoneNumberId());
            if (business.autoReply().isEmpty()
                    || BusinessHours.openAt(business, now)
                    || ("+" + message.customerWaId()).equals(business.ownerNumber())
                    || reminderReplies.isAnswer(message)) {
                continue;
            }
            Optional<ZonedDateTime> opens = BusinessHours.nextOpening(business, now);
            if (opens.isPresent() && opens.equals(BusinessHours.nextOpening(business, message.sentAt()))) {
                reply(message, business, opens.get(), now);
            }
        }
    }

    private void reply(InboundMessage message, BusinessProfile business, ZonedDateTime opens, Instant now) {
        String language = customers.languageOf(message.conversationId(), business);
        String text = business.autoReply()
                .getOrDefault(
                        language,
                        business.autoReply()
                                .getOrDefault(
                                        "any",
                                        business.autoReply().values().iterator().next()));
        Locale locale = MessageRenderer.locale(business, language);
        String body = MessageRenderer.fill(
                text,
                name -> switch (name) {
                    case "opens" -> opening(opens, now, locale);
                    case "business" -> business.name();
                    default -> "";
                },
                locale);
        outbox.enqueue(new OutboundRequest(
                PURPOSE + ":" + message.conversationId() + ":" + opens.toInstant(),
                PURPOSE,
                message.phoneNumberId(),
                "+" + message.customerWaId(),
                message.conversationId(),
                null,
                null,
                language,
                body,
                null,
                null));
    }

    /** "09:00" when that is within a day, else "Monday 09:00" in the customer's language. */
    static String opening(ZonedDateTime opens, Instant now, Locale locale) {
        String time = opens.format(DateTimeFormatter.ofPattern("HH:mm"));
        if (Duration.between(now, opens.toInstant()).compareTo(Duration.ofHours(20)) <= 0) {
            return time;
        }
        return opens.getDayOfWeek().getDisplayName(TextStyle.FULL, locale) + " " + time;
    }
}
