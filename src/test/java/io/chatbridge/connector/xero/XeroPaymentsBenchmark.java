package io.chatbridge.connector.xero;

import io.chatbridge.support.xero.FakeXero;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Xero calls per 1,000 payments (LIMITS.md T7: at most 25) with the connector's batching against the
 * naive baseline of one call per payment, both through the whole instance, the real SDK and the fake
 * Xero (with its limits of 60 calls a minute and 5 at once, and a latency per call), in the same run.
 * The batched run uses the shipped defaults (48 calls a minute, 4 in flight, 50 payments a call); the
 * baseline gets a call budget high enough to finish in minutes instead of the 21 its call count would
 * take at 48 a minute, so only its call count is comparable, and its time is printed for reference.
 *
 * <pre>java -cp … io.chatbridge.connector.xero.XeroPaymentsBenchmark [payments] [latency ms]</pre>
 */
public final class XeroPaymentsBenchmark {

    record Run(
            String name, int payments, int paymentCalls, int tokenCalls, int limited, int maxInFlight, Duration took) {
        void print() {
            System.out.printf(
                    "%-22s payments %5d  payment calls %5d  calls per 1,000 %7.1f  token calls %d  429s %d  max in flight %d  drained in %5.1f s%n",
                    name,
                    payments,
                    paymentCalls,
                    paymentCalls * 1000.0 / payments,
                    tokenCalls,
                    limited,
                    maxInFlight,
                    took.toMillis() / 1000.0);
        }
    }

    private XeroPaymentsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int payments = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Run batched = run("batched (defaults)", payments, latency, false);
        Run naive = run("naive (1 per call)", payments, latency, true);
        System.out.println();
        batched.print();
        naive.print();
        System.out.printf(
                "calls: naive / batched = %.1fx; at 48 calls a minute the naive run would take %.1f min, the batched one took %.1f s%n",
                (double) naive.paymentCalls() / batched.paymentCalls(),
                naive.paymentCalls() / 48.0,
                batched.took().toMillis() / 1000.0);
        System.exit(0);
    }

    private static Run run(String name, int payments, int latencyMillis, boolean naive) throws Exception {
        Path dir = Files.createTempDirectory("xero-bench");
        try (FakeXero fake = new FakeXero()) {
            fake.latency(Duration.ofMillis(latencyMillis));
            List<String> extra = new ArrayList<>(List.of(
                    "--chatbridge.xero.calls-per-minute=48",
                    "--chatbridge.xero.max-in-flight=4",
                    "--chatbridge.xero.payments-per-call=50",
                    "--chatbridge.xero.poll-millis=500",
                    "--logging.level.root=WARN"));
            if (naive) {
                fake.limits(100_000, 5);
                extra.add("--chatbridge.xero.payments-per-call=1");
                extra.add("--chatbridge.xero.calls-per-minute=60000");
            }
            try (XeroInstance chatbridge = new XeroInstance(fake, dir, extra.toArray(String[]::new))) {
                UUID[] invoices = new UUID[payments];
                for (int i = 0; i < payments; i++) {
                    invoices[i] = fake.addInvoice("INV-B" + i, "Bench " + i, "12.34", "GBP");
                }
                long start = System.nanoTime();
                chatbridge.context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                    for (int i = 0; i < payments; i++) {
                        chatbridge.match(1 + i, invoices[i], "12.34");
                    }
                });
                while (chatbridge.count("sent") + chatbridge.count("dead") < payments) {
                    Thread.sleep(100);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                if (fake.payments().size() != payments - chatbridge.count("dead")) {
                    throw new IllegalStateException("payments in the fake do not match the sent ones");
                }
                return new Run(
                        name,
                        payments,
                        fake.paymentCalls(),
                        fake.tokensIssued(),
                        fake.limitedCalls(),
                        fake.maxInFlight(),
                        took);
            }
        }
    }
}
