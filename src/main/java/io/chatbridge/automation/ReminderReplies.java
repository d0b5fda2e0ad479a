package io.chatbridge.automation;

import io.chatbridge.conversation.InboundMessage;
import io.chatbridge.conversation.MessagesStored;
import io.chatbridge.mapping.Automations;
import io.chatbridge.record.RecordService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's answer to a reminder ("1", "2", or a template's quick-reply button) sets the record's
 * status as the mapping says ({@code confirmed}, {@code reschedule_requested}), in the transaction that
 * stored the message. Only the latest unanswered reminder of the conversation, sent in the last two
 * days, takes an answer, so a "2" in an unrelated chat changes nothing.
 */
@Component
class ReminderReplies {

    private static final Duration ANSWERABLE = Duration.ofHours(48);

    private final Customers customers;
    private final RecordService records;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReminderReplies(Customers customers, RecordService records, JdbcClient jdbc, Clock clock) {
        this.customers = customers;
        this.records = records;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Order(2) // after AutoReplies has seen the reminder unanswered
    void on(MessagesStored stored) {
        for (InboundMessage message : stored.messages()) {
            String answer = message.text() == null ? "" : message.text().trim();
            if (!answer.isEmpty() && answer.length() <= 30) {
                pendingReminder(message.conversationId()).ifPresent(r -> answer(r, answer, message));
            }
        }
    }

    /** Whether the message answers a reminder (then it needs no "we're closed" reply). */
    boolean isAnswer(InboundMessage message) {
        String answer = message.text() == null ? "" : message.text().trim();
        return !answer.isEmpty()
                && answer.length() <= 30
                && pendingReminder(message.conversationId())
                        .flatMap(r -> customers.about(r[1]))
                        .flatMap(to -> to.type().automations().reminders())
                        .flatMap(settings -> statusFor(settings.replies(), answer))
                        .isPresent();
    }

    private Optional<long[]> pendingReminder(String conversationId) {
        return jdbc.sql(
                        """
                        select m.id, m.record_id from reminder m join record r on r.id = m.record_id
                        where r.conversation_id = ? and m.state = 'sent' and m.answer is null and m.updated_at >= ?
                        order by m.updated_at desc limit 1""")
                .params(conversationId, Timestamp.from(clock.instant().minus(ANSWERABLE)))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .optional();
    }

    private void answer(long[] reminder, String answer, InboundMessage message) {
        customers.about(reminder[1]).ifPresent(to -> to.type()
                .automations()
                .reminders()
                .map(Automations.Reminders::replies)
                .flatMap(replies -> statusFor(replies, answer))
                .ifPresent(status -> {
                    records.applyChange(
                            to.record().humanId(),
                            RecordService.ORIGIN_AUTOMATION,
                            Map.of(RecordService.STATUS_FIELD, status),
                            message.externalId());
                    jdbc.sql("update reminder set answer = ? where id = ?")
                            .params(status, reminder[0])
                            .update();
                }));
    }

    private static Optional<String> statusFor(Map<String, String> replies, String answer) {
        return replies.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(answer))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
