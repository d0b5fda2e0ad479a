package io.chatbridge.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportJobsTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            WhatsApp Chat with Sam.zip    | WhatsApp Chat with Sam.zip
            ../../etc/cron.d/x.txt        | x.txt
            C:\\Users\\Sam\\chat.txt      | chat.txt
            ..                            | export.txt
            exports/                      | export.txt
            null                          | export.txt
            """)
    void anUploadIsKeptUnderItsOwnNameWithoutAnyFolder(String sent, String kept) {
        assertThat(ImportJobs.uploadName(sent)).isEqualTo(kept);
    }
}
