package io.chatbridge;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesDirectoryCheckTests {

    @TempDir
    Path dir;

    @Test
    void acceptsTheShippedRoutesFolder() {
        assertThatCode(() -> RoutesDirectoryCheck.check(Path.of("routes"))).doesNotThrowAnyException();
    }

    @Test
    void refusesAMissingFolderSayingWhatToDo() {
        assertThatThrownBy(() -> RoutesDirectoryCheck.check(dir.resolve("nope")))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("CHATBRIDGE_ROUTES_DIR");
    }

    @Test
    void refusesAFolderWithoutRoutes() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a route");
        assertThatThrownBy(() -> RoutesDirectoryCheck.check(dir)).hasMessageContaining("no *.camel.yaml");
    }
}
