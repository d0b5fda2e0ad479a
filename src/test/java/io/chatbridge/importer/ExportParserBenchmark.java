package io.chatbridge.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing speed of chat exports on one thread: both passes (scan, then parse) over a generated export of
 * {@value #LINES} lines held in memory, so the disk is not measured. Lines per second = {@value #LINES}
 * × ops/s. See bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExportParserBenchmark {

    static final int LINES = 100_000;

    private String export;

    @Setup
    public void generate() throws IOException {
        StringWriter out = new StringWriter();
        ExportGenerator.write(out, LINES);
        export = out.toString();
    }

    @Benchmark
    public void scanAndParse(Blackhole hole) throws IOException {
        ExportScan scan = ExportScan.of(new BufferedReader(new StringReader(export)));
        DateOrder order = scan.dateOrder(Locale.UK).order();
        new ExportParser(order).parse(new BufferedReader(new StringReader(export)), hole::consume);
    }

    /**
     * JMH, then (or with {@code --cpu-only}, only) both passes over a 1,000,000-line export timed by the
     * thread's CPU time: the number to trust on a machine shared with other builds.
     */
    public static void main(String[] args) throws Exception {
        if (!List.of(args).contains("--cpu-only")) {
            org.openjdk.jmh.Main.main(new String[] {ExportParserBenchmark.class.getSimpleName()});
        }
        StringWriter out = new StringWriter();
        int lines = 1_000_000;
        ExportGenerator.write(out, lines);
        String export = out.toString();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] count = new long[1];
        for (int round = 1; round <= 5; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            ExportScan scan = ExportScan.of(new BufferedReader(new StringReader(export)));
            new ExportParser(scan.dateOrder(Locale.UK).order())
                    .parse(new BufferedReader(new StringReader(export)), m -> count[0]++);
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %,d lines, scan+parse %.2f s CPU (%,.0f lines/s), %.2f s wall%n",
                    round,
                    lines,
                    cpuSeconds,
                    lines / cpuSeconds,
                    wallSeconds);
        }
    }

    @Benchmark
    public void parseOnly(Blackhole hole) throws IOException {
        new ExportParser(DateOrder.DMY).parse(new BufferedReader(new StringReader(export)), hole::consume);
    }
}
