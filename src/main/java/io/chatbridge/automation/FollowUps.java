package io.chatbridge.automation;

import io.chatbridge.connector.whatsapp.OutboundRequest;
import io.chatbridge.connector.whatsapp.SendGuard;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.mapping.Automations;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.record.RecordChanged;
import io.chatbridge.record.RecordService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks for a missing required field, once per field, with the mapping's {@code ask} in the customer's
 * language; the answer comes back through extraction like any message. One question per change, the
 * first missing field not asked yet, so the customer is never sent a questionnaire. The question waits
 * {@code after} (the customer may still be typing) and is dropped if the answer arrived meanwhile.
 */
@Component
class FollowUps implements SendGuard {

    static final String PURPOSE = "followup";

    /**
     * A question is about what the customer said just now, and free text reaches them only inside
     * WhatsApp's 24-hour window: a gap in imported history, or in a backlog worked off days late, is
     * not asked about.
     */
    static final Duration SERVICE_WINDOW = QuietHistory.SERVICE_WINDOW;

    private final Customers customers;
    private final WhatsAppOutbox outbox;
    private final Clock clock;

    FollowUps(Customers customers, WhatsAppOutbox outbox, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A change read from imported history ({@code historyUntil} set) never asks, however recently the
     * customer wrote: its conversation's newest message may be today's (a customer who also writes
     * through the webhook), while the record comes from a chat of months ago.
     */
    @EventListener
    void on(RecordChanged change) {
        if (change.complete() || !RecordService.ORIGIN_CHAT.equals(change.origin()) || change.historyUntil() != null) {
            return;
        }
        customers
                .about(change.recordId())
                .filter(to -> customers.wroteSince(to, clock.instant().minus(SERVICE_WINDOW)))
                .ifPresent(to -> to.type().automations().followUps().ifPresent(settings -> ask(change, to, settings)));
    }

    private void ask(RecordChanged change, Customers.Addressee to, Automations.FollowUps settings) {
        for (FieldMapping field : to.type().fields().values()) {
            if (!field.required() || present(to, field.name())) {
                continue;
            }
            Optional<String> question = field.question(to.language());
            String key = "followup:" + change.humanId() + ":" + field.name();
            if (question.isEmpty() || outbox.findByKey(key).isPresent()) {
                continue;
            }
            outbox.enqueue(new OutboundRequest(
                    key,
                    PURPOSE,
                    to.phoneNumberId(),
                    to.record().customerPhone(),
                    to.record().conversationId(),
                    change.recordId(),
                    field.name(),
                    to.language(),
                    question.get(),
                    null,
                    clock.instant().plus(settings.after())));
            return;
        }
    }

    private static boolean present(Customers.Addressee to, String field) {
        Object value = to.record().fields().get(field);
        return value != null && !String.valueOf(value).isBlank();
    }

    /** A question whose answer arrived while it waited is not sent. */
    @Override
    public Optional<String> skipReason(String purpose, Long recordId, String detail) {
        if (!PURPOSE.equals(purpose) || recordId == null) {
            return Optional.empty();
        }
        return customers
                .about(recordId)
                .filter(to -> present(to, detail) || to.record().complete())
                .map(to -> "the customer gave `" + detail + "` meanwhile");
    }
}
