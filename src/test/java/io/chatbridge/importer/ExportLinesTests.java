package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExportLinesTests {

    /** Lines end where BufferedReader ends them: LF, CR LF, a lone CR, the end of the text; also across reads. */
    @Test
    void linesEndWhereBufferedReaderEndsThem() throws IOException {
        String[] pieces = {"a", "bé", "😀", "\n", "\r", "\r\n", "\n\n", " ", "12/03/2024, 10:00 - Ana: hi"};
        Random random = new Random(9);
        for (int round = 0; round < 40; round++) {
            StringBuilder text = new StringBuilder();
            int length = round % 4 == 0 ? 200_000 : random.nextInt(200);
            while (text.length() < length) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(read(text.toString())).as("round %d", round).isEqualTo(readWithBufferedReader(text.toString()));
        }
        assertThat(read("")).isEmpty();
        assertThat(read("one")).containsExactly("one");
        assertThat(read("one\r")).containsExactly("one");
        assertThat(read("\r\n\r\n")).containsExactly("", "");
    }

    @Test
    void aLineLongerThanAnyMessageIsCutAndTheNextOneIsWhole() throws IOException {
        String longLine = "x".repeat(ExportLines.MAX_LINE + 100_000);
        ExportLines lines = new ExportLines(new StringReader("first\n" + longLine + "\r\nnext"));

        assertThat(lines.next()).isEqualTo("first");
        assertThat(lines.cut()).isFalse();
        assertThat(lines.next()).hasSize(ExportLines.MAX_LINE);
        assertThat(lines.cut()).isTrue();
        assertThat(lines.next()).isEqualTo("next");
        assertThat(lines.cut()).isFalse();
        assertThat(lines.next()).isNull();
    }

    @Test
    void aCutNeverSplitsAnEmoji() throws IOException {
        String line = "x" + "😀".repeat(ExportLines.MAX_LINE); // every emoji is two chars: the cut falls inside one
        ExportLines lines = new ExportLines(new StringReader(line));

        String kept = lines.next();

        assertThat(lines.cut()).isTrue();
        assertThat(kept).hasSize(ExportLines.MAX_LINE - 1);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    }

    private static List<String> read(String text) throws IOException {
        ExportLines lines = new ExportLines(new StringReader(text));
        List<String> read = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            assertThat(lines.cut()).isFalse();
            read.add(line);
        }
        return read;
    }

    private static List<String> readWithBufferedReader(String text) throws IOException {
        return new BufferedReader(new StringReader(text)).lines().toList();
    }
}
