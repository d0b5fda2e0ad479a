package io.chatbridge.web.console.ops.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportsPageControllerTests {

    @Test
    void theSummaryNamesTheFormsFieldsWhereTheCommandNamesItsOptions() {
        String summary =
                """
                  business:       "Loris": inferred: wrote the most messages (51 of 97) in the group chats — a guess; \
                if wrong, re-run with --business-author "<name>"
                  date order:     chat.txt: DMY (the dates do not tell; assumed from the locale en_GB (override with \
                --date-order))
                  continued:      Ana: the first messages are held by 2 stored conversations, so they are imported \
                as a conversation of their own (if the customer was imported before under another name, give \
                --customer-number)
                """;

        String shown = ImportsPageController.inFormWords(summary);

        assertThat(shown)
                .contains("if wrong, import again with the business's name in the form")
                .contains("(override with the date order in the form)")
                .contains("give the customer's number in the form)")
                .doesNotContain("--");
    }
}
