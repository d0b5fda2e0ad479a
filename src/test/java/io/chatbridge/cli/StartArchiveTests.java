package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartArchiveTests {

    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";

    @TempDir
    Path dir;

    private Path jar;
    private Path extracted;

    /** What the build leaves: the jar, and beside it its extracted copy, the archive and the note of the jar. */
    @BeforeEach
    void built() throws IOException {
        jar = Files.write(dir.resolve("chatbridge.jar"), new byte[] {1, 2, 3});
        extracted = Files.createDirectories(dir.resolve("chatbridge-cds"));
        Files.write(extracted.resolve("chatbridge.jar"), new byte[] {4});
        Files.write(extracted.resolve(StartArchive.ARCHIVE), new byte[] {5, 6});
        note(jar);
    }

    @Test
    void theSecondJvmStartsFromTheExtractedCopyWithItsArchiveAndTheSameOptionsAndArguments() {
        List<String> command = command("-Xmx2g", "-jar", jar.toString(), "import", "chat.txt", "--dry-run");

        assertThat(StartArchive.use(command))
                .containsExactly(
                        JAVA,
                        ImportFork.COLLECTOR,
                        "-Xmx2g",
                        "-XX:SharedArchiveFile=" + extracted.resolve("chatbridge.jsa"),
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-jar",
                        extracted.resolve("chatbridge.jar").toString(),
                        "import",
                        "chat.txt",
                        "--dry-run");
    }

    @Test
    void aJarGivenByARelativePathFindsItsCopyBesideIt() {
        Path relative = Path.of("").toAbsolutePath().relativize(jar);

        List<String> faster = StartArchive.use(command("-jar", relative.toString(), "import", "chat.txt"));

        assertThat(faster).contains(extracted.resolve("chatbridge.jar").toString());
    }

    @Test
    void aJarBuiltAgainSinceTheCopyStartsFromTheJar() throws IOException {
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
        assertUnchanged(command("-jar", jar.toString(), "import", "chat.txt"));

        note(jar);
        Files.write(jar, new byte[] {1, 2, 3, 4}); // same time, another size
        Files.setLastModifiedTime(jar, FileTime.fromMillis(noted("modified")));
        assertUnchanged(command("-jar", jar.toString(), "import", "chat.txt"));
    }

    @Test
    void withoutTheNoteTheArchiveOrTheCopyTheImportStartsFromTheJar() throws IOException {
        List<String> command = command("-jar", jar.toString(), "import", "chat.txt");

        Files.write(extracted.resolve(StartArchive.ARCHIVE), new byte[0]); // a training that wrote nothing
        assertUnchanged(command);

        Files.delete(extracted.resolve(StartArchive.ARCHIVE));
        assertUnchanged(command);

        built();
        Files.delete(extracted.resolve(StartArchive.SOURCE)); // a training that failed
        assertUnchanged(command);

        built();
        Files.delete(extracted.resolve("chatbridge.jar"));
        assertUnchanged(command);
    }

    @Test
    void aClassDataOptionOfTheUsersStands() {
        for (String own : List.of(
                "-Xshare:off",
                "-Xshare:on",
                "-XX:SharedArchiveFile=/tmp/mine.jsa",
                "-XX:ArchiveClassesAtExit=/tmp/mine.jsa",
                "-XX:+AutoCreateSharedArchive")) {
            assertUnchanged(command(own, "-jar", jar.toString(), "import", "chat.txt"));
        }
    }

    @Test
    void aClassPathLaunchHasNoJarToFindACopyOf() {
        assertUnchanged(command("-cp", jar.toString(), "io.chatbridge.ChatbridgeApplication", "import", "chat.txt"));
        assertUnchanged(command("import", "-jar"));
    }

    @Test
    void theCopyOfAJarIsTheFolderNamedAfterIt() {
        assertThat(StartArchive.directoryOf(Path.of("/opt/app/bridge.jar"))).isEqualTo(Path.of("/opt/app/bridge-cds"));
        assertThat(StartArchive.directoryOf(Path.of("/opt/app/bridge.JAR"))).isEqualTo(Path.of("/opt/app/bridge-cds"));
    }

    @Test
    void aTrainingThatCannotImportSaysSoLeavesNoNoteAndDoesNotFailTheBuild() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String datasource = System.getProperty("spring.datasource.url");

        int code = StartArchive.train(
                new String[] {jar.toString(), dir.resolve("no-mappings").toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("could not be trained (exit code 2")
                .contains(StartArchive.LOG);
        assertThat(extracted.resolve(StartArchive.SOURCE)).doesNotExist();
        assertThat(Files.readString(extracted.resolve(StartArchive.LOG))).contains("the mappings folder");
        assertThat(System.getProperty("spring.datasource.url")).isEqualTo(datasource);
        assertUnchanged(command("-jar", jar.toString(), "import", "chat.txt"));
    }

    @Test
    void theTrainingIsToldWhatItNeeds() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        assertThat(StartArchive.train(new String[] {}, new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("usage: StartArchive");
    }

    private void assertUnchanged(List<String> command) {
        assertThat(StartArchive.use(command)).isEqualTo(command);
    }

    private static List<String> command(String... rest) {
        return Stream.concat(Stream.of(JAVA, ImportFork.COLLECTOR), Stream.of(rest))
                .toList();
    }

    private void note(Path of) throws IOException {
        Properties identity = new Properties();
        identity.setProperty("size", Long.toString(Files.size(of)));
        identity.setProperty(
                "modified", Long.toString(Files.getLastModifiedTime(of).toMillis()));
        try (OutputStream out = Files.newOutputStream(extracted.resolve(StartArchive.SOURCE))) {
            identity.store(out, null);
        }
    }

    private long noted(String key) throws IOException {
        Properties identity = new Properties();
        try (var in = Files.newInputStream(extracted.resolve(StartArchive.SOURCE))) {
            identity.load(in);
        }
        return Long.parseLong(identity.getProperty(key));
    }
}
