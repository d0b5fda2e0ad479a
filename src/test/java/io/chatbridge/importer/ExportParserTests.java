package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportParserTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            chatminer_android-ddmmyy-24h.txt                          | DMY | 7  | 2 | 2019-01-01T11:25    | John Doe      | 2021-12-30T22:01    | John Doe
            chatminer_android-mdyy-24h_encryption-notice.txt          | MDY | 6  | 3 | 2019-12-24T11:23    | John Doe      | 2017-07-16T19:13    | +12 345 578
            chatminer_android-mmddyyyy-12h-es-am-pm.txt               | MDY | 7  | 2 | 2019-01-01T11:25    | John Doe      | 2021-12-30T22:01    | John Doe
            chatminer_android-nbsp-in-p.m.txt                         | DMY | 3  | 0 | 2022-10-09T22:37    | John Doe      | 2022-10-09T22:37    | 🤓
            chatminer_android-nocomma-p.m.txt                         | MDY | 4  | 0 | 2019-09-24T23:30    | John Doe      | 2019-12-24T11:30    | Jahn Doe
            chatminer_android-yyyymmdd-24h.txt                        | YMD | 7  | 2 | 2019-01-01T11:25    | John Doe      | 2021-12-30T22:01    | John Doe
            chatminer_android-yyyymmdd-dot-after-time.txt             | YMD | 4  | 0 | 2022-12-14T13:34    | John Doe      | 2022-12-21T17:02    | Jahn Doe
            chatminer_ios-bracket-dotdate-seconds.txt                 | MDY | 4  | 0 | 2021-10-21T15:21:45 | John Doe      | 2021-10-24T15:21:48 | Jahn Doe
            chatminer_ios-bracket-mmddyy-24h.txt                      | MDY | 7  | 2 | 2019-01-01T11:25    | John Doe      | 2021-12-30T22:01    | John Doe
            chatminer_ios-bracket-seconds-p.m.txt                     | DMY | 4  | 0 | 2022-10-09T23:37    | John Doe      | 2022-10-12T14:37    | Jahn Doe
            pustur-parser_android-ddmmyyyy-24h_short-chat.txt         | MDY | 3  | 2 | 2017-06-03T00:45    | Sample User   | 2017-09-04T01:50    | +410123456789
            pustur-website-old_ios-lrm_chat.txt                       | DMY | 97 | 3 | 2019-06-20T15:58:57 | Loris         | 2019-06-20T19:54:58 | Loris
            pustur-website_ios-dotdate-seconds-crlf_attached_chat.txt | DMY | 48 | 4 | 2019-06-20T15:58:53 | John          | 2019-06-20T16:45:28 | Loris
            """)
    void everyFixtureParsesToItsMessagesWithFirstAndLast(
            String file,
            DateOrder order,
            int messages,
            int system,
            LocalDateTime firstTime,
            String firstAuthor,
            LocalDateTime lastTime,
            String lastAuthor)
            throws IOException {
        ParsedFile parsed = ParsedFile.fixture(file);

        assertThat(parsed.order()).isEqualTo(order);
        assertThat(parsed.messages()).hasSize(messages);
        assertThat(parsed.systemLines()).hasSize(system);
        assertThat(parsed.unreadable()).isEmpty();
        assertThat(parsed.first().time()).isEqualTo(firstTime);
        assertThat(parsed.first().author()).isEqualTo(firstAuthor);
        assertThat(parsed.last().time()).isEqualTo(lastTime);
        assertThat(parsed.last().author()).isEqualTo(lastAuthor);
    }

    @Test
    void multiLineMessagesKeepBlankAndDateLikeLines() throws IOException {
        ParsedFile parsed = ParsedFile.fixture("own/android-us-crlf-nnbsp.txt");

        assertThat(parsed.messages().get(1).text())
                .isEqualTo("Can I book a table for 4\ntomorrow at 8pm?\n\n01/01/24 is fine too");
        assertThat(ParsedFile.fixture("pustur-parser_android-ddmmyyyy-24h_short-chat.txt")
                        .last()
                        .text())
                .isEqualTo("How are you?\n\nIs everything alright?");
    }

    @Test
    void narrowNoBreakSpaceBeforePmAndUnsavedContactTilde() throws IOException {
        ParsedFile parsed = ParsedFile.fixture("own/android-us-crlf-nnbsp.txt");

        assertThat(parsed.order()).isEqualTo(DateOrder.MDY);
        assertThat(parsed.first().time()).isEqualTo(LocalDateTime.parse("2023-12-31T21:42"));
        assertThat(parsed.messages().get(1).author()).isEqualTo("Sam Okafor");
        assertThat(parsed.last().time()).isEqualTo(LocalDateTime.parse("2024-01-13T00:00"));
    }

    @Test
    void crlfLineEndingsLeaveNoCarriageReturns() throws IOException {
        ParsedFile parsed = ParsedFile.fixture("pustur-website_ios-dotdate-seconds-crlf_attached_chat.txt");

        assertThat(parsed.messages()).allSatisfy(m -> assertThat(m.text()).doesNotContain("\r"));
    }

    @Test
    void editedAndDeletedMarkersAreRecognised() throws IOException {
        ParsedFile android = ParsedFile.fixture("own/android-us-crlf-nnbsp.txt");
        ParsedFile ios = ParsedFile.fixture("own/ios-group-lrm.txt");

        assertThat(android.messages().get(2))
                .extracting(ExportMessage::text, ExportMessage::edited)
                .containsExactly("Sure", true);
        assertThat(android.messages().get(3).deleted()).isTrue();
        assertThat(ios.messages().get(4))
                .extracting(ExportMessage::text, ExportMessage::edited)
                .containsExactly("1 croissant for me\u00A0too", true);
        assertThat(ios.messages().get(6).deleted()).isTrue();
    }

    @Test
    void spanishPortugueseGermanAndFrenchMarkersAreRecognisedToo() throws IOException {
        ParsedFile file = ParsedFile.of(
                """
                31/12/2023, 22:00 - Ana: Mesa para 4 el sábado <Se editó este mensaje.>
                31/12/2023, 22:01 - Ana: Se eliminó este mensaje.
                31/12/2023, 22:02 - Ana: <Multimedia omitido>
                31/12/2023, 22:03 - Bia: Quero uma mesa para 2 <Mensagem editada>
                31/12/2023, 22:04 - Bia: Mensagem apagada
                31/12/2023, 22:05 - Bia: <Mídia oculta>
                31/12/2023, 22:06 - Udo: Tisch für 3 <Diese Nachricht wurde bearbeitet>
                31/12/2023, 22:07 - Udo: Diese Nachricht wurde gelöscht
                31/12/2023, 22:08 - Udo: <Medien ausgeschlossen>
                31/12/2023, 22:09 - Zoé: Ce message a été supprimé
                31/12/2023, 22:10 - Zoé: IMG-20231231-WA0002.jpg (archivo adjunto)
                31/12/2023, 22:11 - Zoé: <Se eliminó este mensaje> is what she typed
                """);

        assertThat(file.messages())
                .extracting(ExportMessage::type, ExportMessage::text, ExportMessage::edited, ExportMessage::deleted)
                .containsExactly(
                        tuple("text", "Mesa para 4 el sábado", true, false),
                        tuple("deleted", "", false, true),
                        tuple("media", "", false, false),
                        tuple("text", "Quero uma mesa para 2", true, false),
                        tuple("deleted", "", false, true),
                        tuple("media", "", false, false),
                        tuple("text", "Tisch für 3", true, false),
                        tuple("deleted", "", false, true),
                        tuple("media", "", false, false),
                        tuple("deleted", "", false, true),
                        tuple("image", "", false, false),
                        tuple("text", "<Se eliminó este mensaje> is what she typed", false, false));
    }

    @Test
    void mediaPlaceholdersAndAttachmentsCarryTypeFileAndCaption() throws IOException {
        ParsedFile android = ParsedFile.fixture("own/android-us-crlf-nnbsp.txt");
        ParsedFile ios = ParsedFile.fixture("own/ios-group-lrm.txt");

        assertThat(android.messages().get(4))
                .extracting(ExportMessage::type, ExportMessage::mediaFile)
                .containsExactly("media", null);
        assertThat(android.messages().get(5))
                .extracting(ExportMessage::type, ExportMessage::mediaFile, ExportMessage::text)
                .containsExactly("image", "IMG-20231231-WA0001.jpg", "Our party of 4");
        assertThat(ios.messages().get(2))
                .extracting(ExportMessage::type, ExportMessage::mediaFile)
                .containsExactly("image", null);
        assertThat(ios.messages().get(3))
                .extracting(ExportMessage::type, ExportMessage::mediaFile, ExportMessage::text)
                .containsExactly("image", "00000007-PHOTO-2024-04-15-09-04-00.jpg", "Like this one");
        assertThat(ios.messages().get(5).mediaFile()).isEqualTo("2015-08-04-PHOTO-00004762.jpg");
    }

    @Test
    void systemLinesAreSkippedAndCountedIncludingPseudoAuthorsAndQuotedColons() throws IOException {
        ParsedFile android = ParsedFile.fixture("own/android-us-crlf-nnbsp.txt");
        ParsedFile ios = ParsedFile.fixture("own/ios-group-lrm.txt");

        assertThat(android.systemLines()).containsExactly(1, 12, 13);
        assertThat(ios.systemLines()).containsExactly(1, 2);
        assertThat(ios.authors()).containsOnlyKeys("Ana Silva", "Corner Bakery", "Ben Carter");
    }

    /**
     * The scan reads the whole file before the order is known; the author of a line whose date does not
     * exist under that order was counted, and a one-to-one chat became a group with a phantom customer.
     */
    @Test
    void anAuthorSeenOnlyOnALineWithAnImpossibleDateIsNoAuthor() throws IOException {
        ParsedFile parsed = ParsedFile.of(
                """
                13/03/2024, 10:00 - Sam: Table for 4 on Friday?
                13/03/2024, 10:01 - Bella Pizza: Sure, what time?
                31/02/2024, 10:02 - Tom: hello
                13/03/2024, 10:03 - Sam: 8pm
                """);

        assertThat(parsed.order()).isEqualTo(DateOrder.DMY);
        assertThat(parsed.unreadable()).singleElement().asString().startsWith("3: impossible date");
        assertThat(parsed.authors()).containsOnly(entry("Sam", 2), entry("Bella Pizza", 1));
        // under another order the same lines tell another story: 13/03 is no month-first date
        assertThat(parsed.scan().authors(DateOrder.MDY)).isEmpty();
    }

    @Test
    void aLineInTheOtherPlatformsStyleIsText() throws IOException {
        ParsedFile ios = ParsedFile.fixture("own/ios-group-lrm.txt");

        assertThat(ios.last().text()).endsWith("\n16.04.24, 18:32 - an Android-style line inside an iOS file is text");
    }

    /**
     * A message line that starts with a date and a time range reads like a system line; its {@code 17:00}
     * made an author "17", which turned a one-to-one chat into a group with a phantom customer.
     */
    @Test
    void aTimeAfterATimestampIsNoAuthor() throws IOException {
        ParsedFile parsed = ParsedFile.of(
                """
                12/03/2024, 10:00 - Sam: Are you open on
                13/03/2024, 09:00 - 17:00
                12/03/2024, 10:01 - Bella Pizza: Yes, 9:00-17:00
                """);

        assertThat(parsed.authors()).containsOnlyKeys("Sam", "Bella Pizza");
        assertThat(parsed.messages()).extracting(ExportMessage::author).containsExactly("Sam", "Bella Pizza");
        // the line is the customer's text, not a system line: kept in their message
        assertThat(parsed.messages().get(0).text()).isEqualTo("Are you open on\n13/03/2024, 09:00 - 17:00");
        assertThat(parsed.systemLines()).isEmpty();
    }

    @Test
    void aMissedCallIsASystemLineButACustomerWritingAboutOneIsNot() throws IOException {
        ParsedFile parsed = ParsedFile.of(
                """
                12/03/2024, 10:00 - Sam: Missed voice call
                12/03/2024, 10:01 - Sam: ‎Missed video call, ‎Tap to call back
                12/03/2024, 10:02 - Sam: Missed voice call, can you ring me back?
                """);

        assertThat(parsed.messages())
                .extracting(ExportMessage::text)
                .containsExactly("Missed voice call, can you ring me back?");
        assertThat(parsed.systemLines()).containsExactly(1, 2);
    }

    @Test
    void aSystemLineAfterAMessageIsStillASystemLine() throws IOException {
        ParsedFile parsed = ParsedFile.of(
                """
                12/03/2024, 10:00 - Sam: hi
                12/03/2024, 10:01 - +44 7700 900123 joined using this group's invite link
                12/03/2024, 10:02 - You added Ana
                12/03/2024, 10:03 - Bella Pizza: welcome
                """);

        assertThat(parsed.messages()).extracting(ExportMessage::text).containsExactly("hi", "welcome");
        assertThat(parsed.systemLines()).containsExactly(2, 3);
    }

    @Test
    void aBrokenFileReportsLineNumbersAndKeepsTheRest() throws IOException {
        ParsedFile parsed = ParsedFile.fixture("own/android-broken.txt");

        assertThat(parsed.unreadable()).hasSize(2);
        assertThat(parsed.unreadable().get(0)).startsWith("1: ");
        assertThat(parsed.unreadable().get(1)).startsWith("3: ").contains("impossible date");
        assertThat(parsed.messages()).extracting(ExportMessage::line).containsExactly(2, 5, 7);
    }

    @Test
    void finnishCroatianAndDotTimeVariantsAreRead() throws IOException {
        ParsedFile parsed = ParsedFile.of(
                """
                13.6.2018 klo 21.25.15 - Aino: hei
                13. 6. 2018. 21:25:15 - Ivan: bok
                15-04-2016, 03:04:10 PM - Ana: hi
                03-06-2018, 01.55 PM - Ben: yo
                [2016/04/15 15:04] Cara: hey
                """);

        assertThat(parsed.messages()).extracting(ExportMessage::author).containsExactly("Aino", "Ivan", "Ana", "Ben");
        assertThat(parsed.messages().get(0).time()).isEqualTo(LocalDateTime.parse("2018-06-13T21:25:15"));
        assertThat(parsed.messages().get(2).time()).isEqualTo(LocalDateTime.parse("2016-04-15T15:04:10"));
        assertThat(parsed.messages().get(3).time()).isEqualTo(LocalDateTime.parse("2018-06-03T13:55"));
    }

    @Test
    void dateOrderCanBeNamedInSeveralWays() {
        assertThat(DateOrder.parse("dd/mm/yyyy")).isEqualTo(DateOrder.DMY);
        assertThat(DateOrder.parse("MDY")).isEqualTo(DateOrder.MDY);
        assertThat(DateOrder.parse("yyyy-mm-dd")).isEqualTo(DateOrder.YMD);
    }

    /**
     * A message longer than WhatsApp sends (a damaged file, or one that is no export): read whole, a 300 MB
     * line took all the memory there was. It is imported up to WhatsApp's length, its line told, and the
     * next message read as usual.
     */
    @Test
    void aMessageLongerThanWhatsAppAllowsIsCutAndTheNextIsReadAsUsual() throws IOException {
        String text = "12/03/2024, 10:00 - Ana: " + "x".repeat(500_000) + "\n"
                + "12/03/2024, 10:01 - Ben: " + "first\n" + ("y".repeat(1_000) + "\n").repeat(200)
                + "12/03/2024, 10:02 - Ana: ok\n";

        ParsedFile parsed = ParsedFile.of(text);

        assertThat(parsed.messages()).extracting(ExportMessage::author).containsExactly("Ana", "Ben", "Ana");
        assertThat(parsed.messages().get(0).text()).hasSizeBetween(ExportLines.MAX_MESSAGE, ExportLines.MAX_LINE);
        assertThat(parsed.messages().get(1).text())
                .startsWith("first\n")
                .hasSizeBetween(ExportLines.MAX_MESSAGE, ExportLines.MAX_LINE);
        assertThat(parsed.messages().get(2).text()).isEqualTo("ok");
        // Ben's 67th further line would pass WhatsApp's length: cut there, the rest of his message left out
        assertThat(parsed.cut()).containsExactly(1, 2 + 67);
        assertThat(parsed.unreadable()).isEmpty();
    }
}
