package io.chatbridge.automation;

import io.chatbridge.connector.whatsapp.OutboundRequest;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.mapping.Automations;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns due reminders into outbound messages. A reminder is claimed with {@code SKIP LOCKED} and
 * marked sent in the same transaction that queues its message, so with several instances, or after a
 * crash and restart, each reminder is queued exactly once. Records cancelled since, or whose time has
 * passed, are skipped. Called by the {@code send-reminders} route.
 */
@Component("reminders")
public class Reminders {

    static final String PURPOSE = "reminder";

    private final Customers customers;
    private final WhatsAppOutbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Reminders(
            Customers customers, WhatsAppOutbox outbox, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Queues every due reminder; returns how many were handled. */
    public int fireDue() {
        Integer handled = transaction.execute(status -> {
            Instant now = clock.instant();
            List<Due> due = jdbc.sql(
                            """
                            select id, record_id, before_minutes, starts_at from reminder
                            where state = 'scheduled' and due_at <= ? order by due_at limit 100 for update skip locked""")
                    .param(Timestamp.from(now))
                    .query((rs, n) -> new Due(
                            rs.getLong("id"),
                            rs.getLong("record_id"),
                            rs.getInt("before_minutes"),
                            rs.getTimestamp("starts_at").toInstant()))
                    .list();
            due.forEach(d -> fire(d, now));
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    private void fire(Due due, Instant now) {
        Optional<Customers.Addressee> to = customers.about(due.recordId());
        Optional<Automations.Reminders> settings =
                to.flatMap(t -> t.type().automations().reminders());
        String skip = to.isEmpty() || settings.isEmpty()
                ? "no reminders for this record any more"
                : settings.get().skipStatuses().contains(to.get().record().status())
                        ? "status " + to.get().record().status()
                        : !due.startsAt().isAfter(now) ? "its time has passed" : null;
        if (skip != null) {
            mark(due.id(), "skipped", skip, null, now);
            return;
        }
        Customers.Addressee t = to.get();
        Automations.Message message = settings.get().message();
        String key = PURPOSE + ":" + t.record().humanId() + ":" + due.beforeMinutes() + "m:" + due.startsAt();
        outbox.enqueue(new OutboundRequest(
                key,
                PURPOSE,
                t.phoneNumberId(),
                t.record().customerPhone(),
                t.record().conversationId(),
                t.record().id(),
                due.beforeMinutes() + "m",
                t.language(),
                message.textIn(t.language()).map(t::render).orElse(null),
                MessageRenderer.template(message.template(), t.record(), t.business(), t.language()),
                null));
        mark(due.id(), "sent", null, outbox.findByKey(key).map(m -> m.id()).orElse(null), now);
    }

    private void mark(long id, String state, String reason, Long outboundId, Instant now) {
        jdbc.sql("update reminder set state = ?, reason = ?, outbound_id = ?, updated_at = ? where id = ?")
                .params(state, reason, outboundId, Timestamp.from(now), id)
                .update();
    }

    private record Due(long id, long recordId, int beforeMinutes, Instant startsAt) {}
}
