package io.chatbridge.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.BusinessProfile.OpeningHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessHoursTests {

    private static final OpeningHours NINE_TO_SIX = new OpeningHours(LocalTime.of(9, 0), LocalTime.of(18, 0));
    private static final BusinessProfile SAO_PAULO = new BusinessProfile(
            "1",
            "Padaria",
            "",
            ZoneId.of("America/Sao_Paulo"),
            Locale.forLanguageTag("pt-BR"),
            "BRL",
            List.of("pt", "en"),
            Map.of(
                    DayOfWeek.MONDAY,
                    List.of(NINE_TO_SIX),
                    DayOfWeek.TUESDAY,
                    List.of(NINE_TO_SIX),
                    DayOfWeek.FRIDAY,
                    List.of(
                            new OpeningHours(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                            new OpeningHours(LocalTime.of(14, 0), LocalTime.of(18, 0)))),
            List.of(LocalDate.of(2026, 12, 8)),
            null);

    @Test
    void hoursAreReadInTheBusinessZone() {
        // Monday 7 Dec 2026 11:59 UTC is 08:59 in São Paulo: closed; 12:00 UTC is 09:00: open
        assertThat(BusinessHours.openAt(SAO_PAULO, Instant.parse("2026-12-07T11:59:00Z")))
                .isFalse();
        assertThat(BusinessHours.openAt(SAO_PAULO, Instant.parse("2026-12-07T12:00:00Z")))
                .isTrue();
        assertThat(BusinessHours.openAt(SAO_PAULO, Instant.parse("2026-12-07T21:00:00Z")))
                .isFalse();
    }

    @Test
    void aHolidaySkipsToTheNextWorkingDayAndALunchBreakIsClosed() {
        // Monday 21:00 local: Tuesday 8 Dec is a holiday, so the next opening is Friday 09:00
        assertThat(BusinessHours.nextOpening(SAO_PAULO, Instant.parse("2026-12-08T00:00:00Z"))
                        .orElseThrow())
                .hasToString("2026-12-11T09:00-03:00[America/Sao_Paulo]");
        Instant fridayLunch = Instant.parse("2026-12-11T16:00:00Z"); // 13:00 local
        assertThat(BusinessHours.openAt(SAO_PAULO, fridayLunch)).isFalse();
        assertThat(BusinessHours.nextOpening(SAO_PAULO, fridayLunch).orElseThrow())
                .hasToString("2026-12-11T14:00-03:00[America/Sao_Paulo]");
    }

    @Test
    void theReplyNamesTheDayOnlyWhenOpeningIsMoreThanAnEveningAway() {
        var opens = BusinessHours.nextOpening(SAO_PAULO, Instant.parse("2026-12-08T00:00:00Z"))
                .orElseThrow();
        assertThat(AutoReplies.opening(opens, Instant.parse("2026-12-08T00:00:00Z"), Locale.forLanguageTag("pt-BR")))
                .isEqualTo("sexta-feira 09:00");
        assertThat(AutoReplies.opening(opens, Instant.parse("2026-12-11T01:00:00Z"), Locale.UK))
                .isEqualTo("09:00");
    }
}
