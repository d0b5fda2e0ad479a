package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversationPlacerTests {

    @Test
    void chatsInWhichOnlyTheBusinessWroteStayApart() {
        // a broadcast sent to two customers who never answered: two exports, one author each
        ConversationPlacer.Placement toSam = new ConversationPlacer(
                        Map.of("Bella Pizza", 3), "Bella Pizza", null, "WhatsApp Chat with Sam.txt")
                .place("Bella Pizza");
        ConversationPlacer.Placement toAna = new ConversationPlacer(
                        Map.of("Bella Pizza", 3), "Bella Pizza", null, "WhatsApp Chat with Ana.txt")
                .place("Bella Pizza");

        assertThat(toSam.customerId()).isNotEqualTo(toAna.customerId());
        assertThat(toSam.customerName()).isEqualTo("Sam");
        assertThat(toSam.customerId()).isEqualTo(ConversationPlacer.nameKey("Sam"));
        assertThat(toSam.fromBusiness()).isTrue();
    }

    /**
     * The business's lines before any member of a group wrote go to the busiest member; between members
     * as busy, to the one who wrote first. The tie went by the order of a hash map of their names, so the
     * same chat exported under other names could give those lines to another member.
     */
    @Test
    void theBusinesssFirstLinesGoToTheBusiestMemberAndATieToTheOneWhoWroteFirst() throws IOException {
        String chat =
                """
                12/03/2024, 09:59 - Bella Pizza: Welcome to the Book Club group!
                12/03/2024, 10:00 - Sam: Hi all
                12/03/2024, 10:01 - Zoe: Hello
                12/03/2024, 10:02 - Sam: Can we book for Friday?
                12/03/2024, 10:03 - Zoe: Count me in
                """;
        ExportScan scan = ExportScan.of(new BufferedReader(new StringReader(chat)));

        ConversationPlacer placer =
                new ConversationPlacer(scan.authors(DateOrder.DMY), "Bella Pizza", null, "WhatsApp Chat with Club.txt");

        assertThat(placer.place("Bella Pizza").customerName()).isEqualTo("Sam");
        assertThat(new ConversationPlacer(
                                scan.authors(DateOrder.DMY), "Bella Pizza", null, "WhatsApp Chat with Club.txt")
                        .customers())
                .containsExactly("Sam", "Zoe");
        String busier = chat + "12/03/2024, 10:04 - Zoe: See you then\n";
        assertThat(new ConversationPlacer(
                                ExportScan.of(new BufferedReader(new StringReader(busier)))
                                        .authors(DateOrder.DMY),
                                "Bella Pizza",
                                null,
                                "WhatsApp Chat with Club.txt")
                        .place("Bella Pizza")
                        .customerName())
                .isEqualTo("Zoe");
    }

    @Test
    void aCustomerWhoContinuesAStoredConversationIsPlacedThereAndTheBusinessAnswersThemThere() {
        ConversationPlacer placer = new ConversationPlacer(
                Map.of("Bella Pizza", 2, "Ana", 3, "Ben", 1), "Bella Pizza", null, "WhatsApp Chat with Club.txt");

        placer.continueAs("Ana", "447700900141");

        assertThat(placer.customers()).containsExactly("Ana", "Ben");
        assertThat(placer.ownKey("Ana")).isEqualTo(ConversationPlacer.nameKey("Ana"));
        assertThat(placer.place("Ana").customerId()).isEqualTo("447700900141");
        assertThat(placer.place("Bella Pizza").customerId()).isEqualTo("447700900141");
        assertThat(placer.place("Ben").customerId()).isEqualTo(ConversationPlacer.nameKey("Ben"));
    }

    @Test
    void theBusinessIsNoCustomerAndAOneToOneChatHasOne() {
        ConversationPlacer placer = new ConversationPlacer(
                Map.of("Bella Pizza", 2, "Ana", 3), "Bella Pizza", "+44 7700 900123", "WhatsApp Chat with Ana.txt");

        assertThat(placer.customers()).containsExactly("Ana");
        assertThat(placer.isBusiness("Bella Pizza")).isTrue();
        assertThat(placer.isBusiness("Ana")).isFalse();
        assertThat(placer.customerKeyGiven()).isTrue();
        assertThat(placer.ownKey("Ana")).isEqualTo("447700900123");
    }

    @Test
    void aChatNamedAfterANumberIsKeyedByItsDigitsAsAWebhookWouldBe() {
        ConversationPlacer.Placement placement = new ConversationPlacer(
                        Map.of("Bella Pizza", 1), "Bella Pizza", null, "WhatsApp Chat - +44 7700 900123.zip")
                .place("Bella Pizza");

        assertThat(placement.customerId()).isEqualTo("447700900123");
    }

    @Test
    void aCustomerWhoWroteIsStillTheChatsCustomerWhateverTheFileIsCalled() {
        ConversationPlacer.Placement placement = new ConversationPlacer(
                        Map.of("Bella Pizza", 1, "Sam", 1), "Bella Pizza", null, "WhatsApp Chat with Ana.txt")
                .place("Bella Pizza");

        assertThat(placement.customerName()).isEqualTo("Sam");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "WhatsApp Chat with Sam.txt | Sam",
                "WhatsApp Chat - Sam Lee.zip | Sam Lee",
                "whatsapp chat with +44 7700 900123.TXT | +44 7700 900123",
                "Chat de WhatsApp con Ana.txt | Chat de WhatsApp con Ana",
                "_chat.txt | _chat",
                ".txt | unknown",
            })
    void theCustomerIsReadFromTheFileName(String file, String customer) {
        assertThat(ConversationPlacer.customerOf(file)).isEqualTo(customer);
    }
}
