package io.chatbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ImportForkTests {

    private static final List<String> G1 = List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation");
    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";

    @Test
    void anImportOnADefaultG1JvmRunsInASecondJvmWithTheParallelCollectorAndTheSameCommandLine() {
        String[] args = {"import", "chat.txt", "--business-number", "+441234567890"};
        List<String> commandLine = Stream.concat(Stream.of("-Xmx2g", "-jar", "target/chatbridge.jar"), Stream.of(args))
                .toList();

        Optional<List<String>> command =
                ImportFork.command(args, () -> jvm(commandLine, List.of("-Xmx2g"), G1, Map.of()));

        assertThat(command)
                .contains(Stream.concat(Stream.of(JAVA, "-XX:+UseParallelGC"), commandLine.stream())
                        .toList());
    }

    /**
     * The parallel collector grows its heap up to a quarter of the machine's memory when nothing bounds it:
     * a 1,000,000-line import took 2.2 GB, and 611 MB with this bound, at the same speed.
     */
    @Test
    void anImportWithoutAHeapSizeOfItsOwnGetsTheBoundedHeap() {
        String[] args = {"import", "chat.txt"};

        assertThat(ImportFork.command(args, () -> jvm(commandLine(args), List.of(), G1, Map.of())))
                .contains(Stream.concat(Stream.of(JAVA, "-XX:+UseParallelGC", "-Xmx512m"), commandLine(args).stream())
                        .toList());
    }

    @Test
    void aHeapSizeTheUserChoseStandsInEverySpelling() {
        String[] args = {"import", "chat.txt"};
        for (String chosen : List.of(
                "-Xmx2g",
                "-Xms1g",
                "-XX:MaxHeapSize=2147483648",
                "-XX:InitialHeapSize=1g",
                "-XX:MaxRAMPercentage=50",
                "-XX:MaxRAM=4g",
                "-XX:InitialRAMPercentage=10",
                "-XX:MaxRAMFraction=2")) {
            List<String> commandLine =
                    Stream.concat(Stream.of(chosen), commandLine(args).stream()).toList();

            assertThat(ImportFork.command(args, () -> jvm(commandLine, List.of(chosen), G1, Map.of())))
                    .as(chosen)
                    .contains(Stream.concat(Stream.of(JAVA, "-XX:+UseParallelGC"), commandLine.stream())
                            .toList());
        }
    }

    @Test
    void theServerAndTheOtherCommandsRunHereWithoutExaminingTheJvm() {
        Supplier<ImportFork.Jvm> unexamined = () -> {
            throw new AssertionError("the JVM was examined");
        };
        for (String[] args :
                List.of(new String[] {}, new String[] {"extract", "--input", "x"}, new String[] {"--server.port=0"})) {
            assertThat(ImportFork.command(args, unexamined))
                    .as(String.join(" ", args))
                    .isEmpty();
        }
    }

    @Test
    void helpIsPrintedHere() {
        for (String help : List.of("-h", "--help", "-V", "--version")) {
            String[] args = {"import", help};
            assertThat(ImportFork.command(args, () -> {
                        throw new AssertionError("the JVM was examined");
                    }))
                    .as(help)
                    .isEmpty();
        }
    }

    @Test
    void aCollectorTheUserChoseStands() {
        String[] args = {"import", "chat.txt"};
        for (String chosen : List.of("-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:+UseZGC", "-XX:-UseParallelGC")) {
            assertThat(ImportFork.command(args, () -> jvm(commandLine(args), List.of(chosen), G1, Map.of())))
                    .as(chosen)
                    .isEmpty();
        }
    }

    @Test
    void aJvmThatChoseAnotherCollectorThanG1IsNotForked() {
        String[] args = {"import", "chat.txt"};

        assertThat(ImportFork.command(
                        args, () -> jvm(commandLine(args), List.of(), List.of("Copy", "MarkSweepCompact"), Map.of())))
                .isEmpty();
        assertThat(ImportFork.command(
                        args,
                        () -> jvm(commandLine(args), List.of(), List.of("PS Scavenge", "PS MarkSweep"), Map.of())))
                .as("the second JVM itself")
                .isEmpty();
    }

    @Test
    void theEnvironmentCanKeepTheImportInOneJvm() {
        String[] args = {"import", "chat.txt"};
        for (String off : List.of("false", "0", "no", "OFF ")) {
            assertThat(ImportFork.command(
                            args, () -> jvm(commandLine(args), List.of(), G1, Map.of(ImportFork.SWITCH, off))))
                    .as(off)
                    .isEmpty();
        }
        assertThat(ImportFork.command(
                        args, () -> jvm(commandLine(args), List.of(), G1, Map.of(ImportFork.SWITCH, "true"))))
                .isPresent();
    }

    @Test
    void aCommandLineThatCannotBeReadOrIsNotTheProgramsIsNotRepeated() {
        String[] args = {"import", "chat.txt"};

        assertThat(ImportFork.command(
                        args, () -> new ImportFork.Jvm(Optional.of(JAVA), Optional.empty(), List.of(), G1, Map.of())))
                .isEmpty();
        assertThat(ImportFork.command(
                        args,
                        () -> new ImportFork.Jvm(
                                Optional.empty(),
                                Optional.of(commandLine(args).toArray(String[]::new)),
                                List.of(),
                                G1,
                                Map.of())))
                .isEmpty();
        assertThat(ImportFork.command(
                        args,
                        () -> jvm(List.of("-jar", "chatbridge.jar", "import", "other.txt"), List.of(), G1, Map.of())))
                .isEmpty();
    }

    private static List<String> commandLine(String[] args) {
        return Stream.concat(Stream.of("-jar", "chatbridge.jar"), Stream.of(args))
                .toList();
    }

    private static ImportFork.Jvm jvm(
            List<String> arguments, List<String> options, List<String> collectors, Map<String, String> env) {
        return new ImportFork.Jvm(
                Optional.of(JAVA), Optional.of(arguments.toArray(String[]::new)), options, collectors, env);
    }
}
