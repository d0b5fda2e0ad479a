package io.chatbridge.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.sheets.FakeSheets;
import io.chatbridge.support.sheets.SheetsInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The events company's whole loop, both directions, nothing typed twice: a WhatsApp booking becomes a
 * row in the sheet; staff type "confirmed" in its Status cell; the customer gets the confirmation on
 * WhatsApp (a request at the fake Graph API with the booking's details).
 */
class SheetStatusToWhatsAppIT {

    private static final String SHEET = "sheet-loop";

    @TempDir
    Path dir;

    @Test
    void confirmingARowInTheSheetSendsTheCustomerTheConfirmation() {
        FakeSheets sheets = new FakeSheets();
        FakeGraphApi graph = new FakeGraphApi();
        sheets.createSpreadsheet(SHEET, SheetsInstance.TAB);
        ConfigurableApplicationContext app = SheetsInstance.start(sheets, SHEET, dir, graph.properties());
        try {
            Webhooks webhooks = new Webhooks(TestApplication.port(app));
            String customer = "447700900333";
            assertThat(webhooks.post(
                                    Webhooks.textMessage(
                                            "wamid.loop1",
                                            customer,
                                            "Ana",
                                            System.currentTimeMillis() / 1000,
                                            "Hi, I'd like to book a table for 8 people on 14 December at 8pm, name is Ana Lima"))
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sheets.rowWhere(SHEET, SheetsInstance.TAB, "Phone", "+" + customer) != null);
            String id = sheets.rowWhere(SHEET, SheetsInstance.TAB, "Phone", "+" + customer)
                    .get("Booking ID");

            sheets.edit(SHEET, SheetsInstance.TAB, "Booking ID", id, "Status", "confirmed");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !confirmationsOf(graph, customer, id).isEmpty());
            List<FakeGraphApi.Request> confirmations = confirmationsOf(graph, customer, id);
            assertThat(confirmations).hasSize(1);
            assertThat(confirmations.get(0).text())
                    .isEqualTo("Your booking " + id + " for 14 Dec, 8 guests, is confirmed. See you then!");
        } finally {
            app.close();
            graph.close();
            sheets.close();
        }
    }

    /** Requests to the customer that name the booking (a closed-hours auto-reply may also be there). */
    private static List<FakeGraphApi.Request> confirmationsOf(FakeGraphApi graph, String customer, String id) {
        return graph.acceptedTo("+" + customer).stream()
                .filter(request -> String.valueOf(request.text()).contains(id)
                        || request.templateName() != null
                                && request.templateParameters().contains(id))
                .toList();
    }
}
