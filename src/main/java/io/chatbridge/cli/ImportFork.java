package io.chatbridge.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs the {@code import} command in a second JVM that uses the parallel garbage collector, when the
 * first one was given no collector and chose G1. An import is a batch job: it needs throughput, not
 * G1's short pauses, and G1's write barriers cost the import's own threads (and the JIT compiler, which
 * compiles them in) about a tenth of the JVM's CPU (bench/README.md, thirteenth and fourteenth rounds).
 * A jar cannot choose its JVM's collector, so the command starts its own JVM with the same command line
 * and {@code -XX:+UseParallelGC} in front, with this process's standard streams, and exits with its exit
 * code. The server is never forked: it answers webhooks and keeps G1.
 *
 * <p>The second JVM also gets a heap of {@value #HEAP_SIZE} unless the user chose a heap size. The import
 * streams its file and needs far less (1,000,000 lines, and a 1:1 chat of as many, import in 256 MB), but
 * the parallel collector grows its heap as far as the JVM lets it when nothing says otherwise: a quarter of
 * the machine's memory, which made a 1,000,000-line import take 2.2 GB and a 100,000-line one 1 GB on a
 * 24 GB machine, at the same speed as with 512 MB (bench/README.md, eighteenth round).
 *
 * <p>Not forked: {@code CHATBRIDGE_IMPORT_FORK=false}, a collector chosen on the command line or in
 * {@code JAVA_TOOL_OPTIONS} (the user's choice stands), a JVM that did not choose G1 (a small machine's
 * serial collector), help, and a platform that does not tell a process its own command line.
 */
final class ImportFork {

    static final String SWITCH = "CHATBRIDGE_IMPORT_FORK";
    static final String COLLECTOR = "-XX:+UseParallelGC";
    static final String HEAP_SIZE = "512m";
    static final String HEAP = "-Xmx" + HEAP_SIZE;

    private static final Pattern CHOSEN_COLLECTOR = Pattern.compile("-XX:[+-]Use\\w*GC");
    /** A heap size, or a share of the machine's memory for it, in any of the JVM's spellings. */
    private static final Pattern CHOSEN_HEAP =
            Pattern.compile("^-Xm[xs]|^-XX:(Max|Initial|Min)(HeapSize|RAM|RAMPercentage|RAMFraction)=");

    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    /** What the decision needs to know about this JVM, so that it can be tested without one. */
    record Jvm(
            Optional<String> executable,
            Optional<String[]> arguments,
            List<String> inputArguments,
            List<String> collectors,
            Map<String, String> environment) {

        static Jvm current() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            return new Jvm(
                    info.command(),
                    info.arguments().or(ImportFork::procCommandLine),
                    ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(GarbageCollectorMXBean::getName)
                            .toList(),
                    System.getenv());
        }
    }

    private ImportFork() {}

    /**
     * The JVM's arguments as Linux keeps them: {@link ProcessHandle.Info#arguments()} gives none for a
     * command line longer than a page (a class path of Maven's repository, as the benchmark runs it).
     */
    private static Optional<String[]> procCommandLine() {
        try {
            String[] all =
                    new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).split("\0");
            return all.length < 2 ? Optional.empty() : Optional.of(Arrays.copyOfRange(all, 1, all.length));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The second JVM's command line, or empty when the import runs here.
     *
     * @param args the program's arguments, {@code import} first
     * @param jvmOf this JVM, examined only for an import (its management beans cost the other commands' start)
     */
    static Optional<List<String>> command(String[] args, Supplier<Jvm> jvmOf) {
        if (args.length == 0 || !"import".equals(args[0]) || asksForHelp(args)) {
            return Optional.empty();
        }
        Jvm jvm = jvmOf.get();
        if (switchedOff(jvm.environment())
                || jvm.inputArguments().stream()
                        .anyMatch(a -> CHOSEN_COLLECTOR.matcher(a).find())
                || jvm.collectors().stream().noneMatch(name -> name.startsWith("G1"))
                || jvm.executable().isEmpty()
                || jvm.arguments().isEmpty()) {
            return Optional.empty();
        }
        String[] arguments = jvm.arguments().get();
        if (!endsWith(arguments, args)) {
            return Optional.empty(); // the command line as read is not the one this program was given
        }
        List<String> command = new ArrayList<>(arguments.length + 3);
        command.add(jvm.executable().get());
        command.add(COLLECTOR);
        if (jvm.inputArguments().stream().noneMatch(a -> CHOSEN_HEAP.matcher(a).find())) {
            command.add(HEAP);
        }
        command.addAll(List.of(arguments));
        return Optional.of(command);
    }

    /**
     * Runs the command with this process's streams and waits for it; if this process is stopped first
     * (a signal to it alone), the second JVM is stopped too and waited for, so that it closes its database.
     *
     * @return its exit code, or empty when it could not be started (the import then runs here)
     */
    static Optional<Integer> run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(SWITCH, "false");
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Thread stop = new Thread(() -> stop(child), "import-fork-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            int code = child.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook stops and waits for the child, which has ended
            }
            return Optional.of(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(child);
            return Optional.of(2);
        }
    }

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            child.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (HELP.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    private static boolean switchedOff(Map<String, String> environment) {
        String value = environment.get(SWITCH);
        return value != null
                && Set.of("false", "0", "no", "off").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean endsWith(String[] arguments, String[] args) {
        if (arguments.length < args.length) {
            return false;
        }
        int offset = arguments.length - args.length;
        for (int i = 0; i < args.length; i++) {
            if (!arguments[offset + i].equals(args[i])) {
                return false;
            }
        }
        return true;
    }
}
