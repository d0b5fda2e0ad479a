package io.chatbridge.reconcile.match;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Matching 100,000 bank entries against 20,000 open invoices (and the claims that go with them) on
 * one thread, with the generator's truth: precision and recall of automatic matches, and time. The
 * baseline in the same run is the obvious nested loop (every entry against every invoice: reference
 * in the text, or equal amount and a similar name) on a slice of the entries, scaled to all of them,
 * which is what "no quadratic loops" is measured against. See bench/README.md.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp)
 * io.chatbridge.reconcile.match.ReconcileBenchmark [entries] [invoices]}
 */
public final class ReconcileBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The whole process (GC threads too), and the machine's load, so a loaded run is visible as one. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ReconcileBenchmark() {}

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int invoices = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ReconcileGenerator data = new ReconcileGenerator(42, invoices, entries);
        long credits = data.lines.stream().filter(l -> l.entry().isCredit()).count();
        System.out.printf(
                Locale.ROOT,
                "data: %,d bank entries (%,d credits), %,d open invoices, %,d claims, %,d entries that pay an invoice%n",
                data.lines.size(),
                credits,
                data.invoices.size(),
                data.claims.size(),
                data.truth.values().stream().filter(s -> !s.isEmpty()).count());

        Matcher matcher = new Matcher(MatchSettings.defaults());
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        List<Proposal> proposals = List.of();
        for (int round = 0; round < rounds; round++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long processStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            proposals = matcher.match(data.lines, data.claims, data.invoices);
            wall[round] = (System.nanoTime() - start) / 1e9;
            cpu[round] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %.2f s wall, %.2f s CPU (matching thread), %.2f s CPU (process, GC included), load average %.1f%n",
                    round + 1,
                    wall[round],
                    cpu[round],
                    (OS.getProcessCpuTime() - processStart) / 1e9,
                    OS.getSystemLoadAverage());
        }
        MatchScore score = MatchScore.of(data, proposals);
        System.out.println("automatic matches: " + score);
        double medianCpu = median(Arrays.copyOfRange(cpu, 2, rounds));
        double medianWall = median(Arrays.copyOfRange(wall, 2, rounds));
        System.out.printf(
                Locale.ROOT,
                "indexed matcher: median of rounds 3-%d: %.2f s wall, %.2f s CPU for all %,d entries (first round %.2f s wall)%n",
                rounds,
                medianWall,
                medianCpu,
                data.lines.size(),
                wall[0]);

        int slice = (int) Math.min(2_000, credits);
        List<BankLine> sample = data.lines.stream()
                .filter(l -> l.entry().isCredit())
                .limit(slice)
                .toList();
        naive(sample, data.invoices); // warm-up
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        int found = naive(sample, data.invoices);
        double naiveCpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double naiveAll = naiveCpu / slice * credits;
        System.out.printf(
                Locale.ROOT,
                "nested-loop baseline: %.2f s CPU for %,d credits (%d candidates) → %.1f s CPU scaled to all %,d credits%n",
                naiveCpu,
                slice,
                found,
                naiveAll,
                credits);
        System.out.printf(
                Locale.ROOT, "indexed matcher is %.0f× faster than the nested loop (CPU time)%n", naiveAll / medianCpu);
    }

    /** The quadratic way: every entry against every invoice. Counts candidates so nothing is optimised away. */
    static int naive(List<BankLine> lines, List<SourcedInvoice> invoices) {
        int candidates = 0;
        for (BankLine line : lines) {
            String text = line.entry().remittance().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
            BigDecimal amount = line.entry().amount();
            for (SourcedInvoice invoice : invoices) {
                String number = References.normalize(invoice.invoice().invoiceNumber());
                boolean reference = text.contains(number);
                boolean amountAndName = invoice.invoice().amountDue().compareTo(amount) == 0
                        && Names.similarity(
                                        line.entry().counterparty(),
                                        invoice.invoice().contactName())
                                >= 0.85;
                if (reference || amountAndName) {
                    candidates++;
                }
            }
        }
        return candidates;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
