package io.chatbridge.web.console.ops.mappings;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The mapping files as the console edits them. A text is checked by the same {@link MappingLoader}
 * as start-up and {@code chatbridge mappings validate}: the folder is copied aside with the edited
 * file in it, so cross-file rules (a clashing id prefix, a missing business.yaml) are checked too.
 * Saving refuses a text with problems, keeps the replaced text in {@code mapping_revision}, writes
 * the file atomically (a temp file in the folder renamed over it) and reloads the registry.
 */
@Service
class MappingFiles {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,60}\\.ya?ml");

    private final MappingRegistry registry;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    MappingFiles(MappingRegistry registry, JdbcClient jdbc, TransactionTemplate transaction) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    List<String> names() {
        try (Stream<Path> files = Files.list(registry.dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> FILE_NAME.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + registry.dir(), e);
        }
    }

    /** The file's text; empty when there is no such mapping file (or the name is not one). */
    Optional<String> read(String file) {
        if (!names().contains(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(registry.dir().resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Loads the folder as it would be with {@code text} saved as {@code file}; nothing is written to it. */
    MappingLoader.Result check(String file, String text) {
        requireKnown(file);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("chatbridge-mapping-check");
            for (String name : names()) {
                Files.copy(registry.dir().resolve(name), scratch.resolve(name));
            }
            Files.writeString(scratch.resolve(file), text, StandardCharsets.UTF_8);
            return new MappingLoader().load(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + file, e);
        } finally {
            delete(scratch);
        }
    }

    /**
     * Saves the text when it has no problems.
     *
     * @return the problems that stopped the save; empty when it was saved and the registry reloaded
     */
    List<MappingProblem> save(String file, String text, String by) {
        MappingLoader.Result checked = check(file, text);
        if (!checked.valid()) {
            return checked.problems();
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("insert into mapping_revision (file, previous_text, new_text, saved_by) values (?, ?, ?, ?)")
                    .params(file, read(file).orElse(null), text, by)
                    .update();
            write(file, text);
        });
        return registry.reload();
    }

    List<Revision> revisions(String file, int limit) {
        return jdbc.sql("select id, saved_by, saved_at from mapping_revision where file = ? order by id desc limit ?")
                .params(file, limit)
                .query((rs, n) -> new Revision(
                        rs.getLong("id"),
                        rs.getString("saved_by"),
                        rs.getTimestamp("saved_at").toInstant()))
                .list();
    }

    private void write(String file, String text) {
        Path target = registry.dir().resolve(file);
        try {
            Path temp = Files.createTempFile(registry.dir(), "." + file, ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private void requireKnown(String file) {
        if (!names().contains(file)) {
            throw new UnknownMappingFileException(file);
        }
    }

    private static void delete(Path dir) {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    record Revision(long id, String savedBy, java.time.Instant savedAt) {}

    /** A file name that is not one of the mapping files (typo, or an attempt to leave the folder). */
    static class UnknownMappingFileException extends IllegalArgumentException {
        UnknownMappingFileException(String file) {
            super("There is no mapping file " + file + "; pick one from the list of mappings.");
        }
    }
}
