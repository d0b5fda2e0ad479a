package io.chatbridge.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiTests {

    @Test
    void masksTheMiddleOfPhoneNumbers() {
        assertThat(Pii.maskPhone("+447700900123")).isEqualTo("+44********23");
        assertThat(Pii.maskPhone("123")).isEqualTo("***");
        assertThat(Pii.maskPhone(null)).isEqualTo("null");
    }

    @Test
    void masksOnlyTheCustomerPartOfAConversationId() {
        assertThat(Pii.maskConversation("106540352242922:16505551234")).isEqualTo("106540352242922:165******34");
    }
}
