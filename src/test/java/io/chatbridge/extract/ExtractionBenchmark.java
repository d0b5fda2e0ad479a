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
 * its score is counted per new message. See bench/README.md for how to run it.
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
    private List<List<ConversationWindow>> prefixes;
    private RuleBasedExtractor extractor;
    private int next;

    @Setup
    public void setUp() throws Exception {
        MappingSet mappings = new MappingLoader(n -> null).load(Path.of("mappings")).mappings().orElseThrow();
        extractor = new RuleBasedExtractor(() -> mappings);
        corpus = ExtractionCorpusTests.load();
        prefixes = new ArrayList<>();
        for (ExtractionCorpusTests.Labelled c : corpus) {
            List<ConversationWindow> windows = new ArrayList<>();
            List<ChatMessage> all = c.window().messages();
            for (int i = 1; i <= all.size(); i++) {
                windows.add(new ConversationWindow(c.id(), "bench", c.window().customerPhone(), all.subList(0, i)));
            }
            prefixes.add(windows);
        }
    }

    /** One operation = one conversation; multiply by messages per conversation for messages/s. */
    @Benchmark
    public void wholeConversation(Blackhole bh) {
        ExtractionCorpusTests.Labelled c = corpus.get(next++ % corpus.size());
        bh.consume(extractor.extract(c.window(), c.business().profile()));
    }

    /** One operation = one conversation replayed message by message, as the pipeline does. */
    @Benchmark
    public void asThePipelineCallsIt(Blackhole bh) {
        int i = next++ % corpus.size();
        for (ConversationWindow w : prefixes.get(i)) {
            bh.consume(extractor.extract(w, corpus.get(i).business().profile()));
        }
    }

    public static void main(String[] args) throws Exception {
        List<ExtractionCorpusTests.Labelled> corpus = ExtractionCorpusTests.load();
        double perConversation = corpus.stream().mapToInt(c -> c.window().messages().size()).average().orElse(1);
        var options = new OptionsBuilder().include(ExtractionBenchmark.class.getSimpleName()).build();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            double conversations = result.getPrimaryResult().getScore();
            System.out.printf("%s: %.0f conversations/s = %.0f messages/s (%.1f messages per conversation)%n",
                    name.substring(name.lastIndexOf('.') + 1), conversations, conversations * perConversation,
                    perConversation);
        }
    }
}
