package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.importer.ImportSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryPrinterTests {

    @Test
    void aFewContinuedConversationsAreEachNamed() {
        String printed = print(continued(2));

        assertThat(printed.lines().filter(l -> l.startsWith("  continued:")))
                .containsExactly(
                        "  continued:      a member of club.txt: continues conversation 1:447*******00",
                        "  continued:      a member of club.txt: continues conversation 1:447*******01");
        assertThat(printed).doesNotContain("more customers");
    }

    /** A group of 96 renamed members printed 96 lines before the rest of the summary. */
    @Test
    void manyContinuedConversationsAreCountedAfterTheFirstTen() {
        String printed = print(continued(96));

        assertThat(printed.lines().filter(l -> l.startsWith("  continued:"))).hasSize(10);
        assertThat(printed).contains("… and 86 more customers continue their conversations (all in the API's summary)");
    }

    @Test
    void messagesThatCameThroughTheCloudApiAreCountedApartFromThoseImportedBefore() {
        assertThat(print(List.of(), 900, 0))
                .contains("  messages:       900 read, 900 new\n")
                .doesNotContain("Cloud API");
        assertThat(print(List.of(), 500, 400))
                .contains("  messages:       900 read, 500 new, 400 had come through the WhatsApp Cloud API already\n");
        assertThat(print(List.of(), 300, 400))
                .contains("  messages:       900 read, 300 new, 400 had come through the WhatsApp Cloud API already"
                        + " (the rest were imported before)\n");
    }

    private static List<String> continued(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> "a member of club.txt: continues conversation 1:447*******" + String.format("%02d", i))
                .toList();
    }

    private static String print(List<String> continued) {
        return print(continued, 900, 0);
    }

    private static String print(List<String> continued, long newMessages, long receivedBefore) {
        ImportSummary summary = new ImportSummary(
                false,
                List.of("club.txt"),
                List.of(),
                List.of("club.txt: DMY"),
                "\"Bella Pizza\": given",
                continued,
                100,
                1_000,
                900,
                newMessages,
                receivedBefore,
                10,
                0,
                0,
                0,
                List.of(),
                Map.of("booking", 3L),
                Duration.ofSeconds(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryPrinter.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
