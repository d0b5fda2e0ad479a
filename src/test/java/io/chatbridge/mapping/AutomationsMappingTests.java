package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The {@code automations:} section: what the shipped mappings declare, and how mistakes are reported. */
class AutomationsMappingTests {

    @Test
    void theShippedBookingConfirmsRemindsAndFollowsUp() {
        MappingSet set = new MappingLoader(name -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow();
        Automations booking = set.type("booking").orElseThrow().automations();

        Automations.Confirmation confirmed =
                booking.confirmationFor("confirmed").orElseThrow();
        assertThat(confirmed.message().textIn("en"))
                .contains("Your booking {id} for {event_date|date}, {guests} guests, is confirmed. See you then!");
        assertThat(confirmed.message().template().name()).isEqualTo("booking_confirmed");
        assertThat(confirmed.message().template().parameters())
                .containsExactly("{id}", "{event_date|date}", "{guests}");
        assertThat(booking.followUps().orElseThrow().after()).isEqualTo(Duration.ofMinutes(2));
        Automations.Reminders reminders = booking.reminders().orElseThrow();
        assertThat(reminders.before()).containsExactly(Duration.ofHours(24), Duration.ofHours(2));
        assertThat(reminders.dateField()).isEqualTo("event_date");
        assertThat(reminders.timeField()).isEqualTo("event_time");
        assertThat(reminders.defaultTime()).isEqualTo(LocalTime.NOON);
        assertThat(reminders.replies()).containsEntry("1", "confirmed").containsEntry("2", "reschedule_requested");
        assertThat(reminders.skipStatuses()).containsExactly("cancelled");

        assertThat(set.type("payment").orElseThrow().automations().confirmationFor("paid"))
                .isPresent();
        assertThat(set.business("any").autoReply()).containsKeys("en", "es", "pt");
        assertThat(set.business("any").digest().at()).isEqualTo(LocalTime.of(8, 0));
    }

    @Test
    void mistakesInAutomationsAreReportedWithLineAndColumn() {
        MappingLoader.Result result =
                new MappingLoader(name -> null).load(Path.of("src/test/resources/mappings-broken/bad-automations"));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "booking.yaml:19:13: the confirmation formats `{event_date|dat}` with `dat`; use `|date` or `|time`",
                        "booking.yaml:19:13: the confirmation uses `{guest}`, which is not a field; did you mean `guests`?",
                        "booking.yaml:20:7: the confirmation needs `text:` (sent inside WhatsApp's 24-hour window), `template:` (outside it), or both",
                        "booking.yaml:22:19: `reminders.before` should be a duration such as `48h`, `90m` or `2d`, not `soon`",
                        "booking.yaml:23:11: `reminders.date` names `guests`, a `integer` field; it needs a `date` field",
                        "booking.yaml:25:3: unknown key `follow-up` in `automations`; did you mean `follow-ups`?");
    }
}
