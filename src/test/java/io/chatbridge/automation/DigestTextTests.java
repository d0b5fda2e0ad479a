package io.chatbridge.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.automation.DigestText.RecordLine;
import io.chatbridge.automation.DigestText.Unanswered;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigestTextTests {

    private static final ZonedDateTime FROM = ZonedDateTime.parse("2026-12-09T08:00:00Z[Europe/London]");
    private static final ZonedDateTime TO = ZonedDateTime.parse("2026-12-10T08:00:00Z[Europe/London]");

    @Test
    void recordsAreGroupedByTypeAndLongListsAreCut() {
        List<RecordLine> created = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> new RecordLine("order", "OR-%04d".formatted(i), List.of()))
                .toList();
        String text = DigestText.write(
                "Bakery",
                FROM,
                TO,
                List.of(
                        new RecordLine("booking", "BK-0001", List.of()),
                        new RecordLine("payment", "PY-0002", List.of())),
                created,
                List.of(new RecordLine("order", "OR-0003", List.of("items", "delivery_date"))),
                List.of(new Unanswered(
                        null,
                        "+447700900123",
                        3,
                        "hello\nare you   there? I need a cake for tomorrow morning please")));

        assertThat(text)
                .isEqualTo(
                        """
                Good morning! Bakery, Thu 10 Dec (since Wed 9 Dec 08:00)
                New (2): booking BK-0001; payment PY-0002
                Changed (12): order OR-0001, OR-0002, OR-0003, OR-0004, OR-0005, OR-0006, OR-0007, OR-0008, OR-0009, OR-0010 and 2 more
                Incomplete (1): OR-0003 needs items, delivery_date
                Unanswered (3): +447700900123 ×3 "hello are you there? I need a cake for …\"""");
    }

    @Test
    void aQuietNightSaysSo() {
        assertThat(DigestText.write("Bakery", FROM, TO, List.of(), List.of(), List.of(), List.of()))
                .endsWith("\nNothing new.");
    }
}
