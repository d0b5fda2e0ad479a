package io.chatbridge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedExtractorTests {

    private static final MappingSet MAPPINGS = new MappingLoader(name -> null).load(Path.of("mappings"))
            .mappings().orElseThrow();

    private final RuleBasedExtractor extractor = new RuleBasedExtractor(() -> MAPPINGS);

    @Test
    void smallTalkNeverCreatesARecord() {
        Chat chat = Chat.london()
                .customer("10:00", "Hi! 👋")
                .business("10:01", "Hello, how can we help?")
                .customer("10:02", "Do you do wedding cakes?")
                .business("10:03", "We do! Prices start at £300")
                .customer("10:04", "great thanks, see you 😊")
                .customer("10:05", "👍");

        assertThat(extractor.extract(chat.window())).isEmpty();
    }

    @Test
    void aBookingIsFilledFromSeveralMessages() {
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I want to book a table for Saturday")
                .business("10:01", "Lovely! For how many people and what time?")
                .customer("10:03", "8 people, around 7pm")
                .business("10:04", "And what name should I put it under?")
                .customer("10:05", "name is Ana Souza");

        RecordDraft booking = single(extractor.extract(chat.window()));

        assertThat(booking.type()).isEqualTo("booking");
        assertThat(booking.anchorMessageId()).isEqualTo("m1");
        assertThat(booking.fields()).containsEntry("event_date", "2026-11-21")
                .containsEntry("event_time", "19:00")
                .containsEntry("item", "table")
                .containsEntry("customer_name", "Ana Souza")
                .containsEntry("phone", "+447700900123");
        assertThat(booking.businessKey()).isEqualTo("+447700900123|2026-11-21");
        assertThat(booking.sources().get("event_time")).isEqualTo(new FieldSource("m3", 17, 20));
        assertThat(booking.confidence().get("event_date")).isBetween(0.5, 1.0);
    }

    @Test
    void aPaymentTakesAmountCurrencyMethodAndMessageDate() {
        Chat chat = Chat.london()
                .customer("09:30", "Morning! I've paid £45.50 by bank transfer");

        RecordDraft payment = single(extractor.extract(chat.window()));

        assertThat(payment.type()).isEqualTo("payment");
        assertThat(payment.fields()).containsEntry("amount", "45.50")
                .containsEntry("currency", "GBP")
                .containsEntry("method", "bank_transfer")
                .containsEntry("paid_on", "2026-11-20")
                .containsEntry("payer_name", "Ana Silva");
        assertThat(payment.complete()).isTrue();
    }

    @Test
    void aRescheduledAppointmentCarriesTheNewDateAndTime() {
        Chat chat = Chat.london()
                .customer("09:00", "Hi, can I get an appointment for a haircut on Tuesday at 3pm?")
                .business("09:05", "Booked!")
                .customer("11:00", "Sorry, can we move it to Wednesday at 4:30pm instead?");

        RecordDraft appointment = single(extractor.extract(chat.window()));

        assertThat(appointment.fields()).containsEntry("service", "haircut")
                .containsEntry("date", "2026-11-25")
                .containsEntry("time", "16:30");
        assertThat(appointment.anchorMessageId()).isEqualTo("m1");
    }

    @Test
    void detailsOlderThanTheWindowDoNotJoinARecord() {
        Chat chat = Chat.london()
                .customer("10:00", "I'd like an appointment for a massage")
                .plusDays(3)
                .customer("10:00", "Tuesday at 10am?");

        RecordDraft appointment = single(extractor.extract(chat.window()));

        assertThat(appointment.fields()).doesNotContainKeys("date", "time");
        assertThat(appointment.missing()).containsExactly("date", "time");
    }

    @Test
    void twoAppointmentsOnDifferentDaysAreTwoRecords() {
        Chat chat = Chat.london()
                .customer("09:00", "Can I book an appointment for a manicure on Monday at 10am?")
                .customer("09:02", "And another appointment for a pedicure on Thursday at 2pm please")
                ;

        List<RecordDraft> drafts = extractor.extract(chat.window());

        assertThat(drafts).extracting(d -> d.fields().get("service")).containsExactly("manicure", "pedicure");
        assertThat(drafts).extracting(RecordDraft::anchorMessageId).containsExactly("m1", "m2");
    }

    @Test
    void theSameWindowAlwaysGivesTheSameDrafts() {
        Chat chat = Chat.london().customer("09:30", "paid R$ 250 via pix, ref INV-2041");

        assertThat(extractor.extract(chat.window())).isEqualTo(extractor.extract(chat.window()));
    }

    private static RecordDraft single(List<RecordDraft> drafts) {
        assertThat(drafts).hasSize(1);
        return drafts.get(0);
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> fields(RecordDraft d) {
        return d.fields();
    }
}
