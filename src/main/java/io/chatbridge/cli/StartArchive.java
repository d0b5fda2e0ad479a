package io.chatbridge.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.springframework.util.FileSystemUtils;

/**
 * A faster start for the {@code import} command: the jar extracted beside itself ({@code <name>-cds/}), and
 * a class-data archive of the classes an import loads, parsed and verified once. The build writes both
 * (pom.xml, {@code package} phase). The second JVM of {@link ImportFork} starts from them when they are of
 * the jar being run: a small import takes about 0.6 of the time (bench/README.md, seventeenth round).
 * Anything else (no such directory, a jar rebuilt since, a CDS option of the user's) starts from the jar as
 * before. If the JVM cannot use the archive (another JDK), it says nothing and runs without it.
 *
 * <p>{@link #main} is the build's training run: it imports a small chat into a database of its own in a
 * temporary folder, as the command does, while the JVM records the classes for the archive
 * ({@code -XX:ArchiveClassesAtExit}), then notes which jar the directory is of. It never fails the build:
 * without its note the fork starts from the jar.
 */
public final class StartArchive {

    static final String ARCHIVE = "chatbridge.jsa";
    /** The jar the directory was extracted from and the archive trained for: its size and time. */
    static final String SOURCE = "start-archive.properties";

    static final String LOG = "start-archive-training.log";
    /** A JVM that cannot use the archive (another JDK, a file changed) runs without it and says so; not here. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** Class-data options of the user's own: theirs stand. */
    private static final Pattern USERS_OWN = Pattern.compile(
            "-Xshare:.*|-XX:(SharedArchiveFile|ArchiveClassesAtExit|SharedClassListFile|DumpLoadedClassList)=.*"
                    + "|-XX:[+-](AutoCreateSharedArchive|RecordDynamicDumpInfo)");

    private StartArchive() {}

    /** Where the build extracts {@code <name>.jar}: {@code <name>-cds/} beside it. */
    static Path directoryOf(Path jar) {
        String name = jar.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        return jar.toAbsolutePath().normalize().resolveSibling(base + "-cds");
    }

    /**
     * A JVM's command line started from the extracted copy and its archive instead of {@code -jar <jar>},
     * or the same command line when there are none of this jar's.
     */
    static List<String> use(List<String> command) {
        int at = command.indexOf("-jar");
        if (at < 0 || at + 1 >= command.size()) {
            return command;
        }
        if (command.subList(0, at).stream().anyMatch(a -> USERS_OWN.matcher(a).matches())) {
            return command;
        }
        Path jar = Path.of(command.get(at + 1));
        Optional<Path> directory = of(jar);
        if (directory.isEmpty()) {
            return command;
        }
        List<String> faster = new ArrayList<>(command.subList(0, at));
        faster.add("-XX:SharedArchiveFile=" + directory.get().resolve(ARCHIVE));
        faster.addAll(QUIET);
        faster.add("-jar");
        faster.add(directory.get().resolve(jar.getFileName()).toString());
        faster.addAll(command.subList(at + 2, command.size()));
        return faster;
    }

    /** The extracted directory of the jar, when it holds an archive trained for this very jar. */
    static Optional<Path> of(Path jar) {
        Path directory = directoryOf(jar);
        Path source = directory.resolve(SOURCE);
        try {
            if (!Files.isRegularFile(jar)
                    || !Files.isRegularFile(source)
                    || !Files.isRegularFile(directory.resolve(jar.getFileName()))
                    || !Files.isRegularFile(directory.resolve(ARCHIVE))
                    || Files.size(directory.resolve(ARCHIVE)) == 0) {
                return Optional.empty();
            }
            Properties recorded = new Properties();
            try (var in = Files.newInputStream(source)) {
                recorded.load(in);
            }
            return identity(jar).equals(recorded) ? Optional.of(directory) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Properties identity(Path jar) throws IOException {
        Properties identity = new Properties();
        identity.setProperty("size", Long.toString(Files.size(jar)));
        identity.setProperty(
                "modified", Long.toString(Files.getLastModifiedTime(jar).toMillis()));
        return identity;
    }

    /**
     * The build's training run: {@code java -XX:ArchiveClassesAtExit=<dir>/chatbridge.jsa -cp
     * <dir>/chatbridge.jar io.chatbridge.cli.StartArchive <jar> <mappings folder>}.
     */
    public static void main(String[] args) {
        System.exit(train(args, System.out));
    }

    static int train(String[] args, PrintStream out) {
        if (args.length != 2) {
            out.println("usage: StartArchive <chatbridge.jar> <mappings folder>");
            return 2;
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path directory = directoryOf(jar);
        long started = System.nanoTime();
        Path work = null;
        try {
            Files.deleteIfExists(directory.resolve(SOURCE));
            work = Files.createTempDirectory("chatbridge-start-archive");
            int code = importQuietly(work, Path.of(args[1]), directory.resolve(LOG));
            if (code != 0) {
                out.println("chatbridge: the import's start archive could not be trained (exit code " + code + ", see "
                        + directory.resolve(LOG) + "); imports start from the jar");
                return 0;
            }
            Properties identity = identity(jar);
            try (OutputStream file = Files.newOutputStream(directory.resolve(SOURCE))) {
                identity.store(file, "the jar " + jar.getFileName() + " that this folder was extracted from");
            }
            out.printf(
                    Locale.ROOT,
                    "chatbridge: the import's start archive was trained in %.1f s; the JVM writes %s as it exits%n",
                    (System.nanoTime() - started) / 1e9,
                    directory.resolve(ARCHIVE));
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("chatbridge: the import's start archive could not be trained (" + e
                    + "); imports start from the jar");
            return 0;
        } finally {
            delete(work);
        }
    }

    /**
     * The import command on a small chat, in this JVM (no fork: the archive is this JVM's), into a data
     * folder of its own, never a database the environment names; its output goes to the log.
     */
    private static int importQuietly(Path work, Path mappings, Path log) throws IOException {
        Path chat = work.resolve("chat.txt");
        Files.writeString(chat, TRAINING_CHAT, StandardCharsets.UTF_8);
        String datasource = System.getProperty("spring.datasource.url");
        System.setProperty("spring.datasource.url", ""); // above SPRING_DATASOURCE_URL: the embedded database
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream file = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setOut(file);
            System.setErr(file);
            return ChatbridgeCommand.run(new String[] {
                "import",
                chat.toString(),
                "--business-author",
                "Bella Pizza",
                "--business-number",
                "+442079460000",
                "--data-dir",
                work.resolve("data").toString(),
                "--mappings",
                mappings.toString()
            });
        } finally {
            System.setOut(out);
            System.setErr(err);
            if (datasource == null) {
                System.clearProperty("spring.datasource.url");
            } else {
                System.setProperty("spring.datasource.url", datasource);
            }
        }
    }

    private static void delete(Path work) {
        try {
            FileSystemUtils.deleteRecursively(work);
        } catch (IOException | RuntimeException e) {
            // a temporary folder left behind; the training's result stands
        }
    }

    /** Orders, bookings and payments, so that the extraction's classes are in the archive too. */
    private static final String TRAINING_CHAT =
            """
            01/01/2023, 09:01 - +44 7700 900000 joined using this group's invite link
            01/01/2023, 09:03 - Bella Pizza: Hello! How can we help?
            01/01/2023, 09:18 - +44 7700 900008: Could I order 2 margheritas and a garlic bread for pick-up at 7?
            01/01/2023, 09:19 - Bella Pizza: Your order is confirmed.
            01/01/2023, 09:21 - +44 7700 900010: I paid £45.50 by bank transfer, reference BP-2231
            Also, one of us is vegetarian.
            01/01/2023, 09:25 - +44 7700 900012: Make it 6 people, not 4
            01/01/2023, 09:30 - +44 7700 900014: Hi, can I book a table for 4 on Friday at 8pm?
            01/01/2023, 09:31 - Bella Pizza: Yes, see you on Friday.
            01/01/2023, 09:37 - +44 7700 900018: Is there parking nearby?
            01/01/2023, 09:39 - Bella Pizza: Yes, behind the shop.
            """;
}
