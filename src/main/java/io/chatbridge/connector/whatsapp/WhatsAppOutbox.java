package io.chatbridge.connector.whatsapp;

import io.chatbridge.conversation.MessagesStored;
import io.chatbridge.conversation.StatusUpdate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The outbound queue's public face. Automations {@link #enqueue} inside the transaction of whatever
 * triggered the message (a record change, an inbound message, a timer's claim), so the message and
 * its cause commit together: a crash can neither lose it nor queue it twice. Admins list and replay.
 */
@Service
public class WhatsAppOutbox {

    private final OutboundRepository repository;
    private final Clock clock;

    WhatsAppOutbox(OutboundRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Queues the message; false when one with the same idempotency key exists (already done). */
    public boolean enqueue(OutboundRequest request) {
        return repository.insert(request, clock.instant());
    }

    public Optional<OutboundMessage> find(long id) {
        return repository.find(id);
    }

    public Optional<OutboundMessage> findByKey(String idempotencyKey) {
        return repository.findByKey(idempotencyKey);
    }

    /** Newest first; state and purpose are optional filters. */
    public List<OutboundMessage> list(String state, String purpose, int limit) {
        return repository.list(state, purpose, limit);
    }

    /** Queues a dead, failed or unsent message again with fresh attempts; false when not possible. */
    public boolean replay(long id) {
        return repository.replay(id, clock.instant());
    }

    /** Webhook statuses move each outbound message along: sent, delivered, read, or failed with its error. */
    @EventListener
    void on(MessagesStored stored) {
        for (StatusUpdate status : stored.statuses()) {
            Integer code = null;
            String error = null;
            if (status.errors() != null
                    && status.errors().isArray()
                    && !status.errors().isEmpty()) {
                code = status.errors().get(0).path("code").asInt();
                error = status.errors().get(0).path("title").asText("") + " "
                        + status.errors()
                                .get(0)
                                .path("error_data")
                                .path("details")
                                .asText("");
            }
            repository.applyStatus(status.messageExternalId(), status.status(), code, error, clock.instant());
        }
    }
}
