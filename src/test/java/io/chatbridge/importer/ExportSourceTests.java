package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSourceTests {

    private static final String CHAT =
            "12/03/2024, 10:00 - Sam: Hi, a table for 2 tonight?\n" + "12/03/2024, 10:01 - Bella Pizza: Booked!\n";
    private static final String NOTES = "Allergies: nuts\nHigh chair needed\n";

    @TempDir
    Path dir;

    /** Android zips hold a customer's .txt documents beside the chat, in no promised order. */
    @Test
    void aZipWithATextDocumentBesideTheChatReadsTheChat() throws IOException {
        Path zip = zip("WhatsApp Chat with Sam.zip", "notes.txt", NOTES, "WhatsApp Chat with Sam.txt", CHAT);

        assertThat(firstLine(zip)).isEqualTo("12/03/2024, 10:00 - Sam: Hi, a table for 2 tonight?");
    }

    @Test
    void aZipWithTwoChatsIsRefusedInsteadOfImportingOne() throws IOException {
        Path zip = zip("exports.zip", "WhatsApp Chat with Sam.txt", CHAT, "WhatsApp Chat with Jo.txt", CHAT);

        assertThatThrownBy(() -> ExportSource.openAll(zip))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 chats")
                .hasMessageContaining("import the folder");
    }

    /** An upload without a file name, or a zip renamed, was read as text: one unreadable line, no messages. */
    @Test
    void aZipIsReadAsAZipWhateverItsName() throws IOException {
        Path zip = zip("WhatsApp Chat with Sam", "WhatsApp Chat with Sam.txt", CHAT);

        assertThat(firstLine(zip)).isEqualTo("12/03/2024, 10:00 - Sam: Hi, a table for 2 tonight?");
    }

    /** A download cut short: the zip's directory, at its end, is missing. */
    @Test
    void aZipCutShortIsNamedAndSaidSoNotLeftToJavasWords() throws IOException {
        Path whole = zip("WhatsApp Chat with Sam.zip", "WhatsApp Chat with Sam.txt", CHAT.repeat(200));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ExportSource.openAll(cut))
                .isInstanceOf(IOException.class)
                .hasMessage("cut.zip is a zip that cannot be read (zip END header not found): was it cut short "
                        + "when it was copied or downloaded? Export the chat again, or import its .txt");
    }

    /** Bytes changed inside the packed chat: reading it fails part-way, and says which file. */
    @Test
    void aZipWhoseChatIsDamagedSaysSoWhenItIsRead() throws IOException {
        Path whole = zip("WhatsApp Chat with Sam.zip", "WhatsApp Chat with Sam.txt", CHAT.repeat(200));
        byte[] bytes = Files.readAllBytes(whole);
        for (int i = 60; i < 200; i++) {
            bytes[i] = (byte) 0xff; // inside the deflated data of the one entry, after its local header
        }
        Path damaged = Files.write(dir.resolve("damaged.zip"), bytes);

        assertThatThrownBy(() -> {
                    try (ExportSource source =
                                    ExportSource.openAll(damaged).sources().get(0);
                            BufferedReader reader = source.open()) {
                        reader.transferTo(java.io.Writer.nullWriter());
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("damaged.zip is damaged: its chat cannot be unpacked (");
    }

    private String firstLine(Path file) throws IOException {
        List<ExportSource> sources = ExportSource.openAll(file).sources();
        assertThat(sources).hasSize(1);
        try (ExportSource source = sources.get(0);
                BufferedReader reader = source.open()) {
            return reader.readLine();
        }
    }

    /** A zip of the given entries, as name, content, name, content, … */
    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new ZipEntry(entries[i]));
                OutputStream entry = out;
                entry.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A chat's text that unpacks to far more than any chat packs to is read no further, with a clear error. */
    @Test
    void aChatTextThatUnpacksToFarMoreThanItsPackedSizeStopsTheImport() throws IOException {
        Path zip = zip("WhatsApp Chat with Sam.zip", "_chat.txt", CHAT + "x".repeat(30 << 20));
        ExportSource source = ExportSource.openAll(zip).sources().get(0);

        try (source;
                BufferedReader reader = source.open()) {
            assertThatThrownBy(() -> reader.transferTo(java.io.Writer.nullWriter()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the chat's text in WhatsApp Chat with Sam.zip unpacks to more than")
                    .hasMessageEndingWith("far more than its packed size");
        }
    }

    @Test
    void aMediaFileMayUnpackToAHundredTimesItsPackedSizeAtLeastAMegabyteAtMostTwoGigabytes() {
        assertThat(ExportSource.UnpackLimit.allowed(1_000)).isEqualTo(1 << 20);
        assertThat(ExportSource.UnpackLimit.allowed(10_000_000)).isEqualTo(1_000_000_000L);
        assertThat(ExportSource.UnpackLimit.allowed(100_000_000)).isEqualTo(2L << 30);
        assertThat(ExportSource.UnpackLimit.allowed(-1)).isEqualTo(2L << 30);
    }
}
