package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a parked conversation keeps of the error that set it aside ({@code conversation.extraction_error}). */
class ParkedErrorTests {

    @Test
    void theErrorsTypeAndMessageAreKept() {
        assertThat(ConversationExtraction.describe(new IllegalStateException("  no value for 'guests'\n")))
                .isEqualTo("java.lang.IllegalStateException: no value for 'guests'");
    }

    @Test
    void anErrorWithoutAMessageIsItsType() {
        assertThat(ConversationExtraction.describe(new StackOverflowError())).isEqualTo("java.lang.StackOverflowError");
        assertThat(ConversationExtraction.describe(new IllegalArgumentException(" ")))
                .isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void aLongMessageIsCutAtTheLimit() {
        String described = ConversationExtraction.describe(new IllegalStateException("x".repeat(10_000)));

        assertThat(described)
                .hasSize(ConversationExtraction.ERROR_CHARS)
                .startsWith("java.lang.IllegalStateException: xxx")
                .endsWith("x…");
    }
}
