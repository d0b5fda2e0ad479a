package io.chatbridge.extract;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Messages per second through classification and extraction on one thread, over the labelled corpus.
 * {@code wholeConversation}: each conversation extracted once with all its messages (what the
 * {@code extract} command does). {@code asThePipelineCallsIt}: the pipeline re-runs extraction over
 * the window on every new message, so a conversation of n messages costs n runs over 1..n messages;
 * its score is counted per new message. Message ids get a fresh suffix on every operation, so the
 * extractor's cache of normalised messages never carries over from one operation to the next: every
 * message is classified and normalised at least once per operation. See bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ExtractionBenchmark {

    private List<ExtractionCorpusTests.Labelled> corpus;
    private RuleBasedExtractor extractor;
    private int next;
    private long round;

    @Setup
    public void setUp() throws Exception {
        MappingSet mappings = new MappingLoader(n -> null)
                .load(Path.of("mappings"))
                .mappings()
                .orElseThrow();
        extractor = new RuleBasedExtractor(() -> mappings);
        corpus = ExtractionCorpusTests.load();
    }

    /** The conversation with message ids no earlier operation used. */
    private List<ChatMessage> fresh(ExtractionCorpusTests.Labelled c) {
        String suffix = "#" + round++;
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : c.window().messages()) {
            messages.add(new ChatMessage(
                    m.messageId() + suffix, m.fromBusiness(), m.authorName(), m.timestamp(), m.type(), m.text()));
        }
        return messages;
    }

    /** One operation = one conversation; multiply by messages per conversation for messages/s. */
    @Benchmark
    public void wholeConversation(Blackhole bh) {
        ExtractionCorpusTests.Labelled c = corpus.get(next++ % corpus.size());
        ConversationWindow window =
                new ConversationWindow(c.id(), "bench", c.window().customerPhone(), fresh(c));
        bh.consume(extractor.extract(window, c.business().profile()));
    }

    /** One operation = one conversation replayed message by message, as the pipeline does. */
    @Benchmark
    public void asThePipelineCallsIt(Blackhole bh) {
        ExtractionCorpusTests.Labelled c = corpus.get(next++ % corpus.size());
        List<ChatMessage> messages = fresh(c);
        for (int n = 1; n <= messages.size(); n++) {
            ConversationWindow w =
                    new ConversationWindow(c.id(), "bench", c.window().customerPhone(), messages.subList(0, n));
            bh.consume(extractor.extract(w, c.business().profile()));
        }
    }

    /**
     * Runs the JMH benchmarks, then the same cold whole-conversation loop timed by the thread's CPU time:
     * on a machine shared with other builds, wall-clock throughput says more about the neighbours than
     * about the code, while messages per CPU-second is what one dedicated core would do.
     */
    public static void main(String[] args) throws Exception {
        List<ExtractionCorpusTests.Labelled> corpus = ExtractionCorpusTests.load();
        double perConversation = corpus.stream()
                .mapToInt(c -> c.window().messages().size())
                .average()
                .orElse(1);
        if (args.length > 0 && args[0].equals("--cpu-only")) {
            cpuTime(corpus);
            return;
        }
        var options = new OptionsBuilder()
                .include(ExtractionBenchmark.class.getSimpleName())
                .build();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            double conversations = result.getPrimaryResult().getScore();
            System.out.printf(
                    "%s: %.0f conversations/s = %.0f messages/s (%.1f messages per conversation)%n",
                    name.substring(name.lastIndexOf('.') + 1),
                    conversations,
                    conversations * perConversation,
                    perConversation);
        }
        cpuTime(corpus);
    }

    private static void cpuTime(List<ExtractionCorpusTests.Labelled> corpus) throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        ExtractionBenchmark bench = new ExtractionBenchmark();
        bench.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        long messages =
                corpus.stream().mapToLong(c -> c.window().messages().size()).sum();
        List<Double> perCpuSecond = new ArrayList<>();
        for (int round = 0; round < CPU_ROUNDS; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < 10 * corpus.size(); i++) {
                bench.wholeConversation(bh);
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            System.out.printf(
                    "cpu-time round %d: %.0f messages per CPU-second (%.0f per wall-second)%n",
                    round, 10 * messages / cpuSeconds, 10 * messages / wallSeconds);
            perCpuSecond.add(10 * messages / cpuSeconds);
        }
        List<Double> steady = perCpuSecond.subList(CPU_ROUNDS - STEADY_ROUNDS, CPU_ROUNDS).stream()
                .sorted()
                .toList();
        System.out.printf(
                "cpu-time, last %d rounds: median %.0f messages per CPU-second (min %.0f, max %.0f)%n",
                STEADY_ROUNDS, steady.get(STEADY_ROUNDS / 2), steady.get(0), steady.get(STEADY_ROUNDS - 1));
    }

    /**
     * On a loaded machine the JIT's compiler threads get little CPU, so the code reaches its compiled
     * speed only after many rounds; the median of the last rounds is the number to compare.
     */
    private static final int CPU_ROUNDS = 30;

    private static final int STEADY_ROUNDS = 10;
}
