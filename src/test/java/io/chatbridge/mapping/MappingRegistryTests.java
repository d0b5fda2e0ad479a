package io.chatbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingRegistryTests {

    @TempDir
    Path dir;

    @Test
    void aBrokenEditKeepsThePreviousSetActiveAndExposesTheProblem() throws IOException {
        copyShipped();
        MappingRegistry registry = new MappingRegistry(dir, new MappingLoader(n -> null));
        assertThat(registry.reload()).isEmpty();
        MappingSet before = registry.current();

        write("booking.yaml", read("booking.yaml").replace("type: integer", "type: integr"));

        assertThat(registry.reloadIfChanged()).isTrue();
        assertThat(registry.current()).isSameAs(before);
        assertThat(registry.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("did you mean `integer`?"));
    }

    @Test
    void aFixedEditBecomesActiveAndTellsListeners() throws IOException {
        copyShipped();
        MappingRegistry registry = new MappingRegistry(dir, new MappingLoader(n -> null));
        registry.reload();
        AtomicInteger changes = new AtomicInteger();
        registry.onChange(set -> changes.incrementAndGet());

        write("booking.yaml", read("booking.yaml").replace("id-prefix: BK", "id-prefix: BKG"));

        assertThat(registry.reloadIfChanged()).isTrue();
        assertThat(registry.problems()).isEmpty();
        assertThat(registry.current().type("booking").orElseThrow().idPrefix()).isEqualTo("BKG");
        assertThat(changes).hasValue(1);
        assertThat(registry.reloadIfChanged()).isFalse();
    }

    @Test
    void withoutAnyValidSetCurrentSaysWhy() throws IOException {
        Files.createDirectories(dir);
        MappingRegistry registry = new MappingRegistry(dir, new MappingLoader(n -> null));

        assertThat(registry.reload()).isNotEmpty();
        assertThat(registry.hasValidSet()).isFalse();
        assertThatThrownBy(registry::current).hasMessageContaining("no valid mappings");
    }

    @Test
    void catalogDescribesTheActiveTypes() throws IOException {
        copyShipped();
        MappingRegistry registry = new MappingRegistry(dir, new MappingLoader(n -> null));
        registry.reload();
        RecordTypeCatalog catalog = new MappingCatalog(registry::current);

        RecordTypeInfo booking = catalog.find("booking").orElseThrow();
        assertThat(booking.idPrefix()).isEqualTo("BK");
        assertThat(booking.businessKey()).containsExactly("phone", "event_date");
        assertThat(booking.sinks()).startsWith("log", "sheets").contains("excel", "hubspot");
        assertThat(booking.owners("status")).containsExactly("sheets", "excel", "hubspot");
        assertThat(booking.isOwnedBy("status", "excel")).isTrue();
        assertThat(booking.isOwnedBy("status", "chat")).isFalse();
        assertThat(booking.isOwnedBy("guests", "chat")).isTrue();
        assertThat(booking.ownerOf("guests")).isEqualTo("chat");
        assertThat(catalog.all()).hasSize(4);
        assertThat(catalog.find("invoice")).isEmpty();
    }

    private void copyShipped() throws IOException {
        try (var files = Files.list(Path.of("mappings"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    }
}
