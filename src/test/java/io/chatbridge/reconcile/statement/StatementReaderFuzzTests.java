package io.chatbridge.reconcile.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Bank statements bent out of shape (issue 11, drill 6): each fixture file (camt.053 v2/v8, OFX 1/2,
 * CSV) cut short, with bytes flipped, lines repeated or dropped, hostile text spliced in. Reading one
 * either gives entries that can be stored or a {@link StatementFormatException} that says what is
 * wrong: never any other exception, which the upload endpoint would answer with a 500.
 */
class StatementReaderFuzzTests {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/bank");
    private static final List<byte[]> FILES = fixtures();
    private static final List<String> SPLICES = List.of(
            "\u0000",
            "=HYPERLINK(\"http://x\")",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
            "&e;",
            "<Amt Ccy=\"EUR\">-999999999999999999999999.999</Amt>",
            "<Amt Ccy=\"\">NaN</Amt>",
            "<TRNAMT>1e400</TRNAMT>",
            "<DTPOSTED>99999999</DTPOSTED>",
            "<BookgDt><Dt>0000-13-45</Dt></BookgDt>",
            ";;;;;;;;\n",
            "\"unterminated,quote\n",
            "31/02/2024,1.234,56,-,\n",
            "\r\n\r\n\r\n",
            "\uFEFF",
            "\u00ff\u00fe");

    private final StatementReader reader = new StatementReader();

    @Property(tries = 6000)
    void aDamagedStatementIsReadOrRefusedClearly(@ForAll @IntRange(min = 0, max = 100) int file, @ForAll long seed) {
        byte[] damaged = damage(FILES.get(file % FILES.size()), new Random(seed));
        ParsedStatement parsed;
        try {
            parsed = reader.read(damaged, CsvProfile.detect("EUR"));
        } catch (StatementFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        for (BankEntry entry : parsed.entries()) {
            assertThat(entry.amount()).isNotNull();
            assertThat(entry.amount().precision()).isLessThanOrEqualTo(30);
            assertThat(entry.currency()).matches("|[A-Z]{3}"); // blank: a CSV without one takes the default
            assertThat(entry.bookedOn()).isBetween(LocalDate.of(1900, 1, 1), LocalDate.of(2999, 12, 31));
            for (String text : Arrays.asList(
                    entry.account(),
                    entry.bankReference(),
                    entry.endToEndId(),
                    entry.counterparty(),
                    entry.remittance())) {
                if (text != null) {
                    assertThat(text).doesNotContain("\u0000");
                }
            }
        }
    }

    /**
     * Found by the property in CI (file 3, seed 13105): a camt.053 whose Ccy attribute was damaged, in a
     * statement without an account currency, gave an entry without a currency (booked in the default).
     */
    @org.junit.jupiter.api.Test
    void theDamagedCamtThatGaveAnEntryWithoutACurrency() {
        aDamagedStatementIsReadOrRefusedClearly(3, 13105);
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            bytes = switch (random.nextInt(6)) {
                case 0 -> Arrays.copyOf(bytes, at);
                case 1 -> {
                    byte[] flipped = bytes.clone();
                    if (flipped.length > 0) {
                        flipped[at] = (byte) random.nextInt(256);
                    }
                    yield flipped;
                }
                case 2 ->
                    splice(bytes, at, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + random.nextInt(400))));
                case 3 -> {
                    int end = Math.min(bytes.length, at + random.nextInt(300));
                    byte[] cut = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, cut, 0, at);
                    System.arraycopy(bytes, end, cut, at, bytes.length - end);
                    yield cut;
                }
                default ->
                    splice(
                            bytes,
                            at,
                            SPLICES.get(random.nextInt(SPLICES.size())).getBytes(StandardCharsets.UTF_8));
            };
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static List<byte[]> fixtures() {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return read(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> read(Stream<Path> files) {
        {
            return files.filter(f -> !f.getFileName().toString().equals("README.md"))
                    .sorted()
                    .map(f -> {
                        try {
                            return Files.readAllBytes(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
