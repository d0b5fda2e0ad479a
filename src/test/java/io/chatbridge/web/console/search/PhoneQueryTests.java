package io.chatbridge.web.console.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneQueryTests {

    @Test
    void anyWayOfWritingAUkMobileGivesItsE164Number() {
        for (String typed : new String[] {
            "+44 7700 900123",
            "+447700900123",
            "0044 7700 900123",
            "07700 900123",
            "(07700) 900-123",
            "+44 (7700) 900.123"
        }) {
            assertThat(PhoneQuery.candidates(typed, "GB")).as(typed).contains("+447700900123");
        }
    }

    @Test
    void aWhatsAppIdWithoutThePlusIsReadAsAnInternationalNumber() {
        assertThat(PhoneQuery.candidates("447700900123", "GB")).contains("+447700900123");
        assertThat(PhoneQuery.candidates("5511987654321", "")).containsExactly("+5511987654321");
    }

    @Test
    void aNationalNumberIsReadInTheBusinessCountry() {
        assertThat(PhoneQuery.candidates("(11) 98765-4321", "BR")).contains("+5511987654321");
    }

    @Test
    void namesAndShortNumbersAreNotPhones() {
        assertThat(PhoneQuery.candidates("Ana Lima", "GB")).isEmpty();
        assertThat(PhoneQuery.candidates("12345", "GB")).isEmpty();
        assertThat(PhoneQuery.candidates("BK-0042", "GB")).isEmpty();
        assertThat(PhoneQuery.candidates(null, "GB")).isEmpty();
    }
}
