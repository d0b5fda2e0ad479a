package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of exports with an empty file and a text that is no export in it: the summary says so of each
 * file, first among its notes, instead of listing a text's lines as if a chat had a few bad ones.
 */
class FilesThatAreNoExportTests {

    private static final String CHAT =
            "12/03/2024, 10:00 - Sam: Hi, a table for 2 tonight?\n12/03/2024, 10:01 - Bella Pizza: Booked!\n";

    @TempDir
    Path dir;

    @Test
    void anEmptyFileAndATextThatIsNoExportAreSaidSoAndTheChatBesideThemIsRead() throws IOException {
        Files.writeString(dir.resolve("a-empty.txt"), "");
        Files.writeString(dir.resolve("b-notes.txt"), "Allergies: nuts\nHigh chair needed\n\nTable by the window\n");
        Files.writeString(
                dir.resolve("c-chat.txt"),
                "12/03/2024, 10:00 - Sam: Hi, a table for 2 tonight?\n12/03/2024, 10:01 - Bella Pizza: Booked!\n",
                StandardCharsets.UTF_8);

        ImportSummary summary = ChatImporter.dryRun(
                new ImportRequest(dir, null, "Bella Pizza", null, null, null, null, true), new ImportProgress());

        assertThat(summary.messages()).isEqualTo(2);
        assertThat(summary.unreadableLines()).isEqualTo(3);
        assertThat(summary.unreadable())
                .containsExactly(
                        "a-empty.txt: nothing to import, the file is empty",
                        "b-notes.txt: no WhatsApp message in it: none of its 3 line(s) starts as an export's do "
                                + "(a date and a time, then the author); is it a chat export?",
                        "b-notes.txt line 1: no date and time at the start, and no message before it",
                        "b-notes.txt line 2: no date and time at the start, and no message before it",
                        "b-notes.txt line 4: no date and time at the start, and no message before it");
    }

    /**
     * A folder holding a zip cut short and a zip of two chats beside a good chat: the first made the whole
     * folder fail, so one bad download kept every other chat out. They are left out with why, the rest read.
     */
    @Test
    void aFolderImportsItsReadableFilesAndNamesTheOnesItCannotRead() throws IOException {
        Files.writeString(dir.resolve("a-chat.txt"), CHAT);
        Files.write(dir.resolve("b-cut.zip"), new byte[] {'P', 'K', 3, 4, 'c', 'u', 't'});
        try (java.util.zip.ZipOutputStream zip =
                new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("d-bomb.zip")))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("_chat.txt")); // 20 MB of one line: no chat packs so well
            zip.write(("12/03/2024, 10:00 - Sam: " + "a".repeat(20 << 20)).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        try (java.util.zip.ZipOutputStream zip =
                new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("c-two.zip")))) {
            for (String name : new String[] {"WhatsApp Chat with Sam.txt", "WhatsApp Chat with Jo.txt"}) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name));
                zip.write(CHAT.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }

        ImportSummary summary = ChatImporter.dryRun(
                new ImportRequest(dir, null, "Bella Pizza", null, null, null, null, true), new ImportProgress());

        assertThat(summary.files()).containsExactly("a-chat.txt");
        assertThat(summary.messages()).isEqualTo(2);
        assertThat(summary.notImported())
                .satisfiesExactly(
                        cut -> assertThat(cut).startsWith("b-cut.zip is a zip that cannot be read ("),
                        two -> assertThat(two).startsWith("c-two.zip holds 2 chats"),
                        bomb -> assertThat(bomb)
                                .startsWith("the chat's text in d-bomb.zip unpacks to more than")
                                .doesNotContain("d-bomb.zip: "));
    }

    @Test
    void aFolderOfWhichNoFileCanBeReadFailsWithTheFirstReason() throws IOException {
        Files.write(dir.resolve("cut.zip"), new byte[] {'P', 'K', 3, 4, 'c', 'u', 't'});

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChatImporter.dryRun(
                        new ImportRequest(dir, null, "Bella Pizza", null, null, null, null, true),
                        new ImportProgress()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cut.zip is a zip that cannot be read");
    }

    @Test
    void aFileOfSystemLinesOnlyIsAnExportWithNothingToImport() throws IOException {
        Path file = Files.writeString(
                dir.resolve("chat.txt"),
                "12/03/2024, 10:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not "
                        + "even WhatsApp, can read or listen to them. Tap to learn more.\n");

        ImportSummary summary = ChatImporter.dryRun(
                new ImportRequest(file, null, "Bella Pizza", null, null, null, null, true), new ImportProgress());

        assertThat(summary.systemLines()).isEqualTo(1);
        assertThat(summary.unreadable()).isEmpty();
    }
}
