package io.chatbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** The shipped {@code mappings/} copied with environment placeholders filled in, as the environment would. */
public final class ShippedMappings {

    private ShippedMappings() {}

    /** @param values placeholder text (e.g. {@code ${BOOKINGS_WORKBOOK:}}) to its value */
    public static Path copy(Path target, Map<String, String> values) {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                for (Map.Entry<String, String> value : values.entrySet()) {
                    text = text.replace(value.getKey(), value.getValue());
                }
                Files.writeString(target.resolve(file.getFileName()), text);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
