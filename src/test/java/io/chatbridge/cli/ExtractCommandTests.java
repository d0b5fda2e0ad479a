package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExtractCommandTests {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ChatbridgeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsOneJsonLinePerRecordAndReportsUnreadableLines() throws Exception {
        int exit = run("extract", "--mappings", "mappings", "--input", "src/test/resources/cli/conversations.jsonl");

        List<JsonNode> records = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            records.add(new ObjectMapper().readTree(line));
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("line 4: skipped: not valid JSON", "line 6: skipped: `timestamp` is missing");
        assertThat(records).hasSize(2);
        JsonNode booking = records.get(0);
        assertThat(booking.get("conversation").asText()).isEqualTo("c1");
        assertThat(booking.get("type").asText()).isEqualTo("booking");
        assertThat(booking.get("id").asText()).isEqualTo("BK-0001");
        assertThat(booking.get("status").asText()).isEqualTo("complete");
        assertThat(booking.at("/fields/event_date").asText()).isEqualTo("2026-11-21");
        assertThat(booking.at("/fields/guests").asInt()).isEqualTo(8);
        assertThat(booking.at("/fields/customer_name").asText()).isEqualTo("Ana Souza");
        assertThat(booking.at("/fields/phone").asText()).isEqualTo("+447700900123");
        assertThat(booking.at("/confidence/guests").asDouble()).isBetween(0.5, 1.0);
        assertThat(booking.get("sources").findValuesAsText("field")).contains("event_date", "guests");
        JsonNode payment = records.get(1);
        assertThat(payment.get("id").asText()).isEqualTo("PY-0001");
        assertThat(payment.at("/fields/amount").asText()).isEqualTo("250.00");
        assertThat(payment.at("/fields/currency").asText()).isEqualTo("BRL");
        assertThat(payment.at("/fields/reference").asText()).isEqualTo("OR-0050");
        assertThat(payment.at("/fields/phone").asText()).isEqualTo("+5511987654321");
    }

    @Test
    void exitCodeSaysWhetherLinesWereSkippedOrNothingCouldRun() {
        assertThat(run("extract", "--mappings", "mappings", "--input", "src/test/resources/cli/clean.jsonl"))
                .isZero();
        assertThat(run("extract", "--mappings", "mappings", "--input", "src/test/resources/extraction/README.md"))
                .isEqualTo(1);
        assertThat(run("extract", "--mappings", "no-such-folder", "--input", "x"))
                .isEqualTo(2);
        assertThat(run("extract", "--mappings", "mappings", "--input", "no-such-file.jsonl"))
                .isEqualTo(2);
    }

    @Test
    void validateSaysValidOrListsProblemsWithPositions() {
        assertThat(run("mappings", "validate", "mappings")).isZero();
        assertThat(out.toString()).contains("valid", "booking", "order", "payment", "appointment");

        assertThat(run("mappings", "validate", "src/test/resources/mappings-broken/typo-type"))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "typo-type/booking.yaml:10:11: field `guests` has type `integr`; did you mean `integer`?",
                        "1 problem(s)");
    }

    @Test
    void validateNamesAFolderThatIsNotThereByItsWholePathOnce() {
        String missing =
                java.nio.file.Path.of("no-such-mappings").toAbsolutePath().toString();

        assertThat(run("mappings", "validate", "no-such-mappings")).isEqualTo(1);

        assertThat(err.toString())
                .startsWith(missing + ": does not exist; point to the folder holding the mappings\n")
                .doesNotContain("no-such-mappings/no-such-mappings");
    }

    @Test
    void theToolsAreRecognisedBeforeSpringStarts() {
        assertThat(ChatbridgeCommand.handles(new String[] {"extract", "--input", "x"}))
                .isTrue();
        assertThat(ChatbridgeCommand.handles(new String[] {"mappings", "validate"}))
                .isTrue();
        assertThat(ChatbridgeCommand.handles(new String[] {"--server.port=8080"}))
                .isFalse();
    }

    @Test
    void theVersionIsPrintedWithoutStartingTheServer() {
        for (String version : List.of("--version", "-V")) {
            assertThat(ChatbridgeCommand.handles(new String[] {version}))
                    .as(version)
                    .isTrue();
        }

        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("chatbridge ");
    }
}
