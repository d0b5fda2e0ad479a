package io.chatbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ImportControllerTests {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSummaryThroughTheApiNamesItsParametersNotTheCommandsOptions() throws Exception {
        JsonNode stored = json.readTree(
                """
                {"businessDecision": "\\"Bella Pizza\\" is the business: inferred: most messages; if wrong, re-run with --business-author \\"<name>\\"",
                 "dateOrders": ["chat.txt: DMY (given with --date-order)"],
                 "continued": ["chat.txt continues a conversation (not with --customer-number)"],
                 "messages": 7,
                 "recordsByType": {"order": 2}}""");

        JsonNode shown = ImportController.inApiWords(stored);

        assertThat(shown.get("businessDecision").asText())
                .endsWith("if wrong, upload again with businessAuthor=<name>");
        assertThat(shown.get("dateOrders").get(0).asText()).isEqualTo("chat.txt: DMY (given with dateOrder)");
        assertThat(shown.get("continued").get(0).asText()).contains("(not with customerNumber)");
        assertThat(shown.get("messages").asInt()).isEqualTo(7);
        assertThat(shown.get("recordsByType").get("order").asInt()).isEqualTo(2);
        assertThat(stored.get("dateOrders").get(0).asText())
                .as("the stored summary")
                .contains("--date-order");
    }
}
