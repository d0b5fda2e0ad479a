package io.chatbridge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedExtractorTests {

    private static final MappingSet MAPPINGS =
            new MappingLoader(name -> null).load(Path.of("mappings")).mappings().orElseThrow();

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
        assertThat(booking.fields())
                .containsEntry("event_date", "2026-11-21")
                .containsEntry("event_time", "19:00")
                .containsEntry("item", "table")
                .containsEntry("guests", 8)
                .containsEntry("customer_name", "Ana Souza")
                .containsEntry("phone", "+447700900123");
        assertThat(booking.businessKey()).isEqualTo("+447700900123|2026-11-21");
        assertThat(booking.sources().get("event_time")).isEqualTo(new FieldSource("m3", 17, 20));
        assertThat(booking.confidence().get("event_date")).isBetween(0.5, 1.0);
    }

    /**
     * A message is read for values (an amount, a date…) in its first 8,192 characters: WhatsApp allows
     * 65,536, and reading 500 such messages full of dates and numbers took longer than anyone would wait.
     * A value said after that (in a long pasted document) is not taken; one said first is. The words are
     * still read in full: the payment and its method are known either way.
     */
    @Test
    void aVeryLongMessageIsReadForValuesInItsFirstEightThousandCharacters() {
        String filler = " la".repeat(3_000);
        Chat early = Chat.london().customer("09:30", "I've paid £45.50 by bank transfer" + filler);
        Chat late = Chat.london().customer("09:30", "Hello" + filler + " I've paid £45.50 by bank transfer");

        assertThat(single(extractor.extract(early.window())).fields()).containsEntry("amount", "45.50");
        assertThat(single(extractor.extract(late.window())).fields())
                .containsEntry("method", "bank_transfer")
                .doesNotContainKey("amount");
    }

    @Test
    void aPaymentTakesAmountCurrencyMethodAndMessageDate() {
        Chat chat = Chat.london().customer("09:30", "Morning! I've paid £45.50 by bank transfer");

        RecordDraft payment = single(extractor.extract(chat.window()));

        assertThat(payment.type()).isEqualTo("payment");
        assertThat(payment.fields())
                .containsEntry("amount", "45.50")
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

        assertThat(appointment.fields())
                .containsEntry("service", "haircut")
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
                .customer("09:02", "And another appointment for a pedicure on Thursday at 2pm please");

        List<RecordDraft> drafts = extractor.extract(chat.window());

        assertThat(drafts).extracting(d -> d.fields().get("service")).containsExactly("manicure", "pedicure");
        assertThat(drafts).extracting(RecordDraft::anchorMessageId).containsExactly("m1", "m2");
    }

    @Test
    void theSameWindowAlwaysGivesTheSameDrafts() {
        Chat chat = Chat.london().customer("09:30", "paid R$ 250 via pix, ref INV-2041");

        assertThat(extractor.extract(chat.window())).isEqualTo(extractor.extract(chat.window()));
    }

    @Test
    void aCorrectionReplacesTheOldNumber() {
        Chat chat = Chat.london()
                .customer("10:00", "Can I book a table for 10 people tomorrow at 8pm?")
                .customer("10:20", "sorry, make it 12 not 10");

        assertThat(single(extractor.extract(chat.window())).fields()).containsEntry("guests", 12);
    }

    @Test
    void aCountOutsideTheMappingBoundsIsNotTaken() {
        Chat chat = Chat.london().customer("10:00", "Can I book a table for 600 people tomorrow at 8pm?");

        RecordDraft booking = single(extractor.extract(chat.window()));

        assertThat(booking.fields()).doesNotContainKey("guests"); // booking.yaml: guests max 500
        assertThat(booking.missing()).containsExactly("guests");
    }

    @Test
    void anOrderListsItsLinesInTheSingular() {
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I'd like to order 2 chocolate cakes and a dozen cupcakes for Saturday")
                .customer("10:01", "deliver to 12 High Street, Leeds")
                .customer("10:02", "oh and 3 brownies");

        RecordDraft order = single(extractor.extract(chat.window()));

        assertThat(order.fields().get("items"))
                .isEqualTo(List.of(
                        Map.of("name", "chocolate cake", "quantity", 2),
                        Map.of("name", "cupcake", "quantity", 12),
                        Map.of("name", "brownie", "quantity", 3)));
        assertThat(order.fields())
                .containsEntry("delivery_date", "2026-11-21")
                .containsEntry("delivery_address", "12 High Street, Leeds");
    }

    @Test
    void aQuantityCorrectionChangesTheOrderLine() {
        Chat chat = Chat.london()
                .customer("10:00", "I want to order 10 croissants for tomorrow")
                .customer("10:05", "actually make it 12 not 10");

        RecordDraft order = single(extractor.extract(chat.window()));

        assertThat(order.fields().get("items")).isEqualTo(List.of(Map.of("name", "croissant", "quantity", 12)));
    }

    @Test
    void spanishAndPortugueseConversationsAreRead() {
        Chat es = Chat.london()
                .customer("10:00", "Hola, quiero reservar una mesa para 4 personas el sábado a las 21:00")
                .customer("10:01", "a nombre de Lucía Pérez");
        Chat pt = Chat.london().customer("10:00", "Oi! Quero encomendar 3 coxinhas e 2 pães de queijo para amanhã");

        assertThat(single(extractor.extract(es.window())).fields())
                .containsEntry("guests", 4)
                .containsEntry("event_date", "2026-11-21")
                .containsEntry("event_time", "21:00")
                .containsEntry("customer_name", "Lucía Pérez");
        assertThat(single(extractor.extract(pt.window())).fields().get("items"))
                .isEqualTo(List.of(
                        Map.of("name", "coxinha", "quantity", 3), Map.of("name", "pão de queijo", "quantity", 2)));
    }

    @Test
    void aQuestionWithoutDetailsIsNotABookingButOneWithDetailsIs() {
        Chat enquiry = Chat.london().customer("10:00", "How much would a wedding cake for 100 guests cost?");
        Chat request = Chat.london().customer("10:00", "Do you have a table for 4 tomorrow at 8pm?");

        assertThat(extractor.extract(enquiry.window())).isEmpty();
        assertThat(single(extractor.extract(request.window())).fields())
                .containsEntry("guests", 4)
                .containsEntry("event_time", "20:00");
    }

    @Test
    void anIncompleteRecordListsWhatIsMissingAndTheMappingSaysHowToAsk() {
        Chat chat = Chat.london().customer("10:00", "I'd like to book a table please");

        RecordDraft booking = single(extractor.extract(chat.window()));

        assertThat(booking.complete()).isFalse();
        assertThat(booking.missing()).containsExactly("event_date", "guests");
        assertThat(booking.businessKey()).isNull();
        assertThat(MAPPINGS.type("booking").orElseThrow().question("guests", "es"))
                .contains("¿Para cuántas personas?");
    }

    @Test
    void theDayTheBusinessOfferedIsTakenWhenTheCustomerPicksATime() {
        Chat chat = Chat.london()
                .customer("10:00", "Hi, I'd like an appointment for a massage")
                .business("10:01", "We have Monday at 10am or 3pm")
                .customer("10:02", "3pm please");

        assertThat(single(extractor.extract(chat.window())).fields())
                .containsEntry("date", "2026-11-23")
                .containsEntry("time", "15:00");
    }

    @Test
    void aNameGivenForOneRecordIsUsedForTheNextInsteadOfTheProfileName() {
        Chat chat = Chat.london()
                .customer("10:00", "Book a table for 4 on Sunday at 1pm please, name Oliver Grant")
                .customer("10:05", "Also can I book for the 20th of December? 6 people at 7pm");

        assertThat(extractor.extract(chat.window()))
                .extracting(d -> d.fields().get("customer_name"))
                .containsExactly("Oliver Grant", "Oliver Grant");
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
