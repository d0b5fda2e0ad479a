package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportCommandTests {

    @Test
    void anImportThatRunsOutOfMemorySaysHowToGiveItMoreInsteadOfAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ImportCommand.report(
                () -> {
                    throw new OutOfMemoryError("Java heap space");
                },
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Import failed: it needed more memory than its ")
                .contains(" MB heap. What was stored is kept")
                .contains("java -Xmx2g -jar chatbridge.jar import")
                .doesNotContain("OutOfMemoryError")
                .endsWith("nothing stored is added twice.\n");
    }

    @Test
    void theHeapIsToldInMegabytes() {
        assertThat(ImportCommand.outOfMemory(512L * 1024 * 1024)).contains("its 512 MB heap");
    }
}
