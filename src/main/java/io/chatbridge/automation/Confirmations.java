package io.chatbridge.automation;

import io.chatbridge.common.Pii;
import io.chatbridge.connector.whatsapp.OutboundRequest;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.mapping.Automations;
import io.chatbridge.record.RecordChanged;
import io.chatbridge.record.RecordService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the customer when a record's status becomes one the mapping confirms ({@code confirmed},
 * {@code matched}), whichever side changed it: the chat, the sheet, the CRM or an admin. The message
 * is queued in the change's own transaction and keyed by record and version, so it goes out exactly
 * once per change.
 */
@Component
class Confirmations {

    private static final Logger log = LoggerFactory.getLogger(Confirmations.class);

    private final Customers customers;
    private final WhatsAppOutbox outbox;
    private final Clock clock;

    Confirmations(Customers customers, WhatsAppOutbox outbox, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(RecordChanged change) {
        if (!change.fields().contains(RecordService.STATUS_FIELD) || QuietHistory.of(change, clock)) {
            return;
        }
        customers.about(change.recordId()).ifPresent(to -> to.type()
                .automations()
                .confirmationFor(to.record().status())
                .ifPresent(confirmation -> confirm(change, to, confirmation)));
    }

    private void confirm(RecordChanged change, Customers.Addressee to, Automations.Confirmation confirmation) {
        Automations.Message message = confirmation.message();
        boolean queued = outbox.enqueue(new OutboundRequest(
                "confirmation:" + change.humanId() + ":" + change.version(),
                "confirmation",
                to.phoneNumberId(),
                to.record().customerPhone(),
                to.record().conversationId(),
                change.recordId(),
                confirmation.status(),
                to.language(),
                message.textIn(to.language()).map(to::render).orElse(null),
                MessageRenderer.template(message.template(), to.record(), to.business(), to.language()),
                null));
        if (queued) {
            log.info(
                    "Confirmation of {} ({}) queued for {}",
                    change.humanId(),
                    confirmation.status(),
                    Pii.maskPhone(to.record().customerPhone()));
        }
    }
}
