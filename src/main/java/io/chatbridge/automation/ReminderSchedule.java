package io.chatbridge.automation;

import static io.chatbridge.common.Columns.timestamp;

import io.chatbridge.mapping.Automations;
import io.chatbridge.record.RecordChanged;
import io.chatbridge.record.RecordService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code reminder} table in step with each record's date, time and status, in the record
 * change's transaction: a new or moved booking gets its reminders (24 h, 2 h before …), a moved one
 * loses the old ones, a cancelled one loses all. Offsets already in the past are not scheduled. The
 * table is the schedule, so a restart loses nothing.
 */
@Component
class ReminderSchedule {

    private final Customers customers;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReminderSchedule(Customers customers, JdbcClient jdbc, Clock clock) {
        this.customers = customers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(RecordChanged change) {
        if (QuietHistory.of(change, clock)) {
            return;
        }
        customers
                .about(change.recordId())
                .ifPresent(to -> to.type().automations().reminders().ifPresent(settings -> {
                    if (change.version() == 1
                            || change.fields().contains(settings.dateField())
                            || change.fields().contains(settings.timeField())
                            || change.fields().contains(RecordService.STATUS_FIELD)) {
                        reschedule(to, settings);
                    }
                }));
    }

    private void reschedule(Customers.Addressee to, Automations.Reminders settings) {
        long recordId = to.record().id();
        Optional<Instant> startsAt = startsAt(to, settings);
        if (startsAt.isEmpty() || settings.skipStatuses().contains(to.record().status())) {
            skipScheduled(recordId, null, "status " + to.record().status());
            return;
        }
        skipScheduled(recordId, startsAt.get(), "rescheduled");
        Instant now = clock.instant();
        for (Duration before : settings.before()) {
            Instant due = startsAt.get().minus(before);
            if (due.isAfter(now)) {
                schedule(recordId, before, startsAt.get(), due, now);
            }
        }
    }

    static Optional<Instant> startsAt(Customers.Addressee to, Automations.Reminders settings) {
        Object date = to.record().fields().get(settings.dateField());
        Object time = settings.timeField() == null ? null : to.record().fields().get(settings.timeField());
        try {
            LocalDate day = LocalDate.parse(String.valueOf(date));
            LocalTime at = time == null ? settings.defaultTime() : LocalTime.parse(String.valueOf(time));
            return Optional.of(day.atTime(at).atZone(to.business().zone()).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private void skipScheduled(long recordId, Instant keep, String reason) {
        jdbc.sql(
                        """
                        update reminder set state = 'skipped', reason = ?, updated_at = ?
                        where record_id = ? and state = 'scheduled' and (cast(? as timestamptz) is null or starts_at <> ?)""")
                .params(reason, Timestamp.from(clock.instant()), recordId, timestamp(keep), timestamp(keep))
                .update();
    }

    /** A reminder skipped for a status comes back when the status does. */
    private void schedule(long recordId, Duration before, Instant startsAt, Instant due, Instant now) {
        jdbc.sql(
                        """
                        insert into reminder (record_id, before_minutes, starts_at, due_at, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (record_id, before_minutes, starts_at) do update
                            set state = 'scheduled', reason = null, updated_at = excluded.updated_at
                            where reminder.state = 'skipped' and reminder.reason like 'status %'""")
                .params(
                        recordId,
                        (int) before.toMinutes(),
                        Timestamp.from(startsAt),
                        Timestamp.from(due),
                        Timestamp.from(now))
                .update();
    }
}
