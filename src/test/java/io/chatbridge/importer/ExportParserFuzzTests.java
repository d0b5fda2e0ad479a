package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Hostile and random chat exports (issue 11, drill 6). Two properties: whatever the bytes, the two
 * passes over a file never throw and report sane line numbers; and a well-formed export of arbitrary
 * authors and multi-line texts reads back exactly as written, whatever the line endings.
 */
class ExportParserFuzzTests {

    private static final DateTimeFormatter ANDROID = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm");
    private static final DateTimeFormatter IOS = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm:ss");

    @Property(tries = 400)
    void anyTextParsesWithoutThrowingAndWithLineNumbersInsideTheFile(@ForAll("hostileExports") String text)
            throws IOException {
        ParsedFile parsed = ParsedFile.of(text);

        int lines = parsed.scan().lines();
        List<Integer> messageLines =
                parsed.messages().stream().map(ExportMessage::line).toList();
        assertThat(messageLines).isSorted().allSatisfy(line -> assertThat(line).isBetween(1, lines));
        assertThat(messageLines).doesNotHaveDuplicates();
        assertThat(parsed.systemLines()).allSatisfy(line -> assertThat(line).isBetween(1, lines));
        for (String problem : parsed.unreadable()) {
            int line = Integer.parseInt(problem.substring(0, problem.indexOf(':')));
            assertThat(line).isBetween(1, lines);
            assertThat(messageLines).doesNotContain(line);
        }
        assertThat(parsed.messages()).allSatisfy(message -> {
            assertThat(message.author()).isNotBlank().doesNotContain("\u0000");
            assertThat(message.text()).doesNotContain("\u0000");
            assertThat(message.time()).isNotNull();
        });
    }

    @Property(tries = 300)
    void aWellFormedExportReadsBackExactlyAsWritten(
            @ForAll("conversations") @Size(min = 1, max = 40) List<Written> written,
            @ForAll boolean ios,
            @ForAll boolean crlf)
            throws IOException {
        String newline = crlf ? "\r\n" : "\n";
        StringBuilder file = new StringBuilder();
        LocalDateTime time = LocalDateTime.of(2024, 1, 13, 9, 0);
        List<LocalDateTime> times = new ArrayList<>();
        for (Written message : written) {
            time = time.plusMinutes(message.minutesLater()).withSecond(ios ? message.minutesLater() % 60 : 0);
            times.add(time);
            String stamp = ios ? "[" + IOS.format(time) + "] " : ANDROID.format(time) + " - ";
            file.append(stamp)
                    .append(message.author())
                    .append(": ")
                    .append(message.text().replace("\n", newline))
                    .append(newline);
        }

        ParsedFile parsed = ParsedFile.of(file.toString());

        assertThat(parsed.unreadable()).isEmpty();
        assertThat(parsed.messages()).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            ExportMessage read = parsed.messages().get(i);
            assertThat(read.author()).isEqualTo(written.get(i).author());
            assertThat(read.text()).isEqualTo(written.get(i).text());
            assertThat(read.time()).isEqualTo(times.get(i));
            assertThat(read.type()).isEqualTo("text");
        }
    }

    record Written(String author, String text, int minutesLater) {}

    @Provide
    Arbitrary<List<Written>> conversations() {
        Arbitrary<String> author = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("abcdefghijklmnopqrstuvwxyzÁÉñçößøå")
                        .ofMinLength(1)
                        .ofMaxLength(12)
                        .map(name -> Character.toUpperCase(name.charAt(0)) + name.substring(1)),
                Arbitraries.of("Ana María", "José 😀", "Ольга", "محمد", "李雷", "+44 7700 900123", "Dr. O'Neil"));
        Arbitrary<String> word = Arbitraries.strings()
                .withChars(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.!?=+-@'\"€£$%&*;/é😀\u00A0\u202F")
                .ofMinLength(1)
                .ofMaxLength(10);
        Arbitrary<String> line = word.list().ofMinSize(1).ofMaxSize(8).map(words -> String.join(" ", words));
        // a continuation line starts with a letter: one that starts with a date would be a new message
        Arbitrary<String> continuation = line.map(text -> "x" + text);
        Arbitrary<String> text = Combinators.combine(line, continuation.list().ofMaxSize(3))
                .as((first, more) -> more.isEmpty() ? first : first + "\n" + String.join("\n", more))
                .filter(t -> !t.startsWith("POLL:"));
        return Combinators.combine(author, text, Arbitraries.integers().between(0, 3000))
                .as(Written::new)
                .list();
    }

    @Provide
    Arbitrary<String> hostileExports() {
        Arbitrary<String> stamp = Arbitraries.of(
                "12/01/2024, 10:00 - ",
                "31/02/2024, 10:00 - ",
                "99/99/99, 99:99 - ",
                "1/1/24, 9:05 p. m. - ",
                "1/1/24, 9:05\u202Fpm - ",
                "[13.01.24, 10:00:00] ",
                "[2024-01-13, 25:61:00] ",
                "2024-01-13 10:00 - ",
                "\u200E[13/01/2024, 10:00:00] ",
                "12/01/2024, 10:00 -",
                "[",
                "");
        Arbitrary<String> author =
                Arbitraries.of("Ana", "", ":", "\u200E", "+44 7700 900123", "Ana: Bob", "😀", "A\u0000na");
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(
                        "<Media omitted>",
                        "IMG-1.jpg (file attached)",
                        "<attached: 0001-PHOTO.jpg>",
                        "This message was deleted",
                        "<This message was edited>",
                        "Messages and calls are end-to-end encrypted",
                        "=HYPERLINK(\"http://x\",\"y\")",
                        "\u200Eimage omitted",
                        "POLL:",
                        "\u0000\u0001\uFFFF\uD800",
                        "nul\u0000inside"));
        Arbitrary<String> line = Combinators.combine(stamp, author, Arbitraries.of(": ", ":", " ", ""), body)
                .as((s, a, sep, b) -> s + a + sep + b);
        return line.list().ofMaxSize(30).flatMap(lines -> Arbitraries.of("\n", "\r\n", "\r")
                .map(newline -> String.join(newline, lines)));
    }
}
