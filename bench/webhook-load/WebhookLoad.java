import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for chatbridge's WhatsApp webhook: signed, unique-wamid text-message webhooks over
 * keep-alive HTTP/1.1, JDK only, run straight from source:
 *
 * <pre>
 * java bench/webhook-load/WebhookLoad.java --url http://localhost:18080/webhooks/whatsapp \
 *      --secret bench-secret --rate 80 --duration 60s --connections 64 --duplicates 0.1
 * </pre>
 *
 * <p>Why raw NIO and not {@code java.net.http.HttpClient}: the generator shares two cores with the
 * server it measures, so every microsecond it burns is stolen from the system under test. One selector
 * thread driving N non-blocking sockets, with request bytes built once and no per-request futures,
 * costs a few microseconds of CPU per request.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@code --rate R} (open loop): request i is <em>intended</em> at {@code start + i/R}; if no
 *       connection is free it waits in a queue, and its latency is still measured from the intended
 *       time, so a stalled server cannot hide its stall (no coordinated omission). Requests still due
 *       but unsent when the run ends are reported as {@code missed}.</li>
 *   <li>no {@code --rate} (closed loop, full speed): each of the N connections sends its next request
 *       as soon as the previous answer arrives; latency is measured from the actual send.</li>
 * </ul>
 *
 * <p>{@code --duplicates p} re-sends, with probability p, the exact bytes of a recent request in place
 * of a new one, as Meta does when it retries. {@code --acked-out FILE} writes every wamid that got a
 * 2xx, one per line, so that a script can check each acknowledged message is really in the inbox.
 * The last line printed starts with {@code RESULT} and is meant for scripts.
 */
public class WebhookLoad {

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Report report = new Run(options).execute();
        report.print(System.out);
    }

    // ------------------------------------------------------------------------------------------
    // options

    record Options(
            URI url,
            String secret,
            double rate,
            long durationNanos,
            long warmupNanos,
            int connections,
            int threads,
            double duplicates,
            long timeoutNanos,
            Path ackedOut,
            String label,
            String runId,
            int customers,
            int count,
            boolean retry,
            boolean bookings,
            Path expectedOut) {

        static final String USAGE = """
                usage: java WebhookLoad.java --url URL [--secret S] [--rate R] [--duration 60s]
                         [--warmup 5s] [--connections 64] [--threads 1] [--duplicates 0.0]
                         [--timeout 30s] [--acked-out FILE] [--label NAME] [--run-id ID] [--customers 100000]
                         [--count N] [--retry true] [--bookings true] [--expected-out FILE]
                  --rate R       open loop at R requests/s (latency from intended send time);
                                 omit or 0 for closed loop at full speed over --connections
                  --secret S     app secret for X-Hub-Signature-256 (omitted: requests are unsigned)
                  --duplicates p fraction of requests that re-send an earlier request's exact bytes
                  --warmup D     load before the measured window; counted for acks, not for stats
                  --customers N  distinct senders; many of them keep each conversation short, as in life
                  --count N      send exactly N distinct messages, in shuffled order, then stop
                                 (--duration becomes the limit for getting them all acknowledged)
                  --retry true   re-send a message that got no 2xx (5xx, 429, refused, timed out), with
                                 exponential backoff capped at 5 s, as Meta does; until acknowledged
                  --bookings true  message i is customer i booking once (unique number, name, date), so
                                 the expected records are known; --expected-out FILE writes them (TSV)
                """;

        static Options parse(String[] args) {
            URI url = null;
            String secret = null;
            String label = null;
            String runId = Long.toString(System.currentTimeMillis(), 36);
            double rate = 0;
            double duplicates = 0;
            long duration = Duration.ofSeconds(60).toNanos();
            long warmup = 0;
            long timeout = Duration.ofSeconds(30).toNanos();
            int connections = 64;
            int threads = 1;
            int customers = 100_000;
            Path acked = null;
            Path expected = null;
            int count = 0;
            boolean retry = false;
            boolean bookings = false;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("-h") || name.equals("--help")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--url" -> url = URI.create(value);
                    case "--secret" -> secret = value;
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--duration" -> duration = durationNanos(value);
                    case "--warmup" -> warmup = durationNanos(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--duplicates" -> duplicates = Double.parseDouble(value);
                    case "--timeout" -> timeout = durationNanos(value);
                    case "--acked-out" -> acked = Path.of(value);
                    case "--label" -> label = value;
                    case "--run-id" -> runId = value;
                    case "--customers" -> customers = Integer.parseInt(value);
                    case "--count" -> count = Integer.parseInt(value);
                    case "--retry" -> retry = Boolean.parseBoolean(value);
                    case "--bookings" -> bookings = Boolean.parseBoolean(value);
                    case "--expected-out" -> expected = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (url == null || !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url http://host:port/path is required (plain http only)");
            }
            if (connections < 1 || threads < 1 || threads > connections) {
                throw new IllegalArgumentException("need connections >= threads >= 1");
            }
            if (duplicates < 0 || duplicates >= 1) {
                throw new IllegalArgumentException("--duplicates must be in [0, 1)");
            }
            return new Options(url, secret, rate, duration, warmup, connections, threads, duplicates, timeout,
                    acked, label == null ? url.getPath() : label, runId, Math.max(1, customers), Math.max(0, count),
                    retry, bookings, expected);
        }

        /** Accepts 60s, 500ms, 2m or a bare number of seconds. */
        static long durationNanos(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))).toNanos();
            }
            if (t.endsWith("s")) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1e9);
            }
            if (t.endsWith("m")) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60e9);
            }
            return (long) (Double.parseDouble(t) * 1e9);
        }

        boolean openLoop() {
            return rate > 0;
        }

        boolean counted() {
            return count > 0;
        }
    }

    // ------------------------------------------------------------------------------------------
    // one run: N event loops started together, their results merged

    static final class Run {
        private final Options options;

        Run(Options options) {
            this.options = options;
        }

        Report execute() throws Exception {
            List<Loop> loops = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                int conns = options.connections() / options.threads()
                        + (t < options.connections() % options.threads() ? 1 : 0);
                loops.add(new Loop(options, t, conns));
            }
            for (Loop loop : loops) {
                loop.connectAll();
            }
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
            CountDownLatch done = new CountDownLatch(loops.size());
            for (Loop loop : loops) {
                Thread thread = new Thread(() -> {
                    try {
                        loop.run(start);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        done.countDown();
                    }
                }, "load-" + loop.index);
                thread.setDaemon(true);
                thread.start();
            }
            progress(loops, start, done);
            long cpu = processCpuNanos() - cpuBefore;
            Report report = Report.merge(options, loops, cpu, System.nanoTime() - start);
            if (options.ackedOut() != null) {
                writeAcked(loops);
            }
            if (options.expectedOut() != null) {
                writeExpected(loops);
            }
            return report;
        }

        /** A line on stderr every 10 s, so a long run is visibly alive. */
        private void progress(List<Loop> loops, long start, CountDownLatch done) throws InterruptedException {
            long last = 0;
            while (!done.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                long total = 0;
                long ok = 0;
                for (Loop loop : loops) {
                    total += loop.completed;
                    ok += loop.okCount;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "  [%s] t=%4.0fs responses=%d (2xx %d), last 10 s: %.0f/s%n",
                        options.label(), seconds, total, ok, (total - last) / 10.0);
                last = total;
            }
        }

        private void writeAcked(List<Loop> loops) throws IOException {
            StringBuilder out = new StringBuilder();
            for (Loop loop : loops) {
                BitSet acked = loop.acked;
                for (int k = acked.nextSetBit(0); k >= 0; k = acked.nextSetBit(k + 1)) {
                    out.append(loop.wamid(k)).append('\n');
                }
            }
            Files.writeString(options.ackedOut(), out, StandardCharsets.UTF_8);
        }

        /** Every message of a counted run (acknowledged or not): wamid, phone, name, guests, date. */
        private void writeExpected(List<Loop> loops) throws IOException {
            StringBuilder out = new StringBuilder();
            for (Loop loop : loops) {
                for (int k = 0; k < loop.localCount; k++) {
                    Booking b = Booking.of(loop.globalIndex(k));
                    out.append(loop.wamid(k)).append('\t').append(b.waId()).append('\t').append(b.name())
                            .append('\t').append(b.guests()).append('\t').append(b.date()).append('\n');
                }
            }
            Files.writeString(options.expectedOut(), out, StandardCharsets.UTF_8);
        }

        private static long processCpuNanos() {
            return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }
    }

    // ------------------------------------------------------------------------------------------
    // the event loop: one thread, one selector, a share of the connections and of the rate

    static final class Request {
        final byte[] bytes;
        final int index; // the loop-local message index: identifies the wamid
        final boolean duplicate;
        long intended;
        long sent;
        int attempts;
        long retryAt;

        Request(byte[] bytes, int index, boolean duplicate) {
            this.bytes = bytes;
            this.index = index;
            this.duplicate = duplicate;
        }
    }

    static final class Connection {
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer out;
        Request current;
        byte[] in = new byte[4096];
        int inLength;
        long retryAt; // > 0 while waiting to reconnect after a failed connect
    }

    static final class Loop {
        private static final int RECENT = 4096;
        private static final long RECONNECT_DELAY = Duration.ofMillis(200).toNanos();

        final int index;
        final Options options;
        final InetSocketAddress address;
        final Connection[] connections;
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        final Selector selector;
        final Mac mac;
        final SplittableRandom random;
        final byte[] head;
        final Request[] recent = new Request[RECENT];
        final BitSet acked = new BitSet();
        final double period; // open loop: nanos between intended sends of this loop
        final String wamidPrefix;
        final int localCount; // counted run: this loop's share of --count
        final int[] order; // counted run: the loop-local message indices in the order they are sent
        final java.util.PriorityQueue<Request> retries =
                new java.util.PriorityQueue<>(java.util.Comparator.comparingLong((Request r) -> r.retryAt));
        int newSent;
        long retriesSent;
        long gaveUp;

        int nextIndex;
        int recentCount;
        int inFlight;
        long warmEnd;
        long end;

        // results
        volatile long completed;
        volatile long okCount;
        long sent;
        long duplicatesSent;
        long status2xx;
        long status4xx;
        long status5xx;
        long statusOther;
        long errors;
        long missed;
        long reconnects;
        long measuredResponses;
        long measuredOk;
        long[] latencies = new long[1 << 16];
        int latencyCount;

        Loop(Options options, int index, int connectionCount) throws IOException, GeneralSecurityException {
            this.index = index;
            this.options = options;
            int port = options.url().getPort() < 0 ? 80 : options.url().getPort();
            this.address = new InetSocketAddress(options.url().getHost(), port);
            this.connections = new Connection[connectionCount];
            this.selector = Selector.open();
            this.random = new SplittableRandom(options.runId().hashCode() * 31L + index);
            this.period = options.openLoop() ? 1e9 * options.threads() / options.rate() : 0;
            this.wamidPrefix = "wamid.BENCH" + options.runId() + "." + index + ".";
            this.localCount = options.counted()
                    ? (options.count() - index + options.threads() - 1) / options.threads()
                    : 0;
            this.order = shuffled(localCount, random);
            if (options.secret() != null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(options.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } else {
                mac = null;
            }
            String path = options.url().getRawPath().isEmpty() ? "/" : options.url().getRawPath();
            if (options.url().getRawQuery() != null) {
                path += "?" + options.url().getRawQuery();
            }
            head = ("POST " + path + " HTTP/1.1\r\nHost: " + options.url().getHost() + ":" + port
                    + "\r\nUser-Agent: chatbridge-webhook-load\r\nContent-Type: application/json\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        String wamid(int messageIndex) {
            return wamidPrefix + messageIndex;
        }

        /** The run-wide number of a loop-local message (bookings: the customer's number too). */
        int globalIndex(int messageIndex) {
            return messageIndex * options.threads() + index;
        }

        private static int[] shuffled(int n, SplittableRandom random) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return order;
        }

        private boolean finished() {
            return options.counted() && newSent >= localCount && retries.isEmpty() && inFlight == 0;
        }

        /** Opens every connection before the clock starts, so connecting is not measured. */
        void connectAll() throws IOException {
            for (int i = 0; i < connections.length; i++) {
                connections[i] = new Connection();
                open(connections[i]);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (idle.size() < connections.length) {
                if (System.nanoTime() > deadline && options.retry()) {
                    break; // the server may be restarting (drills): the others reconnect while running
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("could not connect to " + address + " within 10 s ("
                            + idle.size() + "/" + connections.length + " connected)");
                }
                selector.select(100);
                handleKeys(System.nanoTime());
                retryConnects(System.nanoTime());
            }
            errors = 0;
            reconnects = 0;
        }

        void run(long start) throws IOException {
            warmEnd = start + options.warmupNanos();
            end = warmEnd + options.durationNanos();
            long scheduled = 0;
            long lastTimeoutScan = start;
            while (System.nanoTime() < start) {
                Thread.onSpinWait();
            }
            while (true) {
                long now = System.nanoTime();
                if (finished()) {
                    break;
                }
                if (now < end) {
                    if (options.openLoop()) {
                        long due;
                        while (!idle.isEmpty() && (due = start + (long) (scheduled * period)) <= now && due < end) {
                            if (!send(idle.peek(), due, now)) {
                                break;
                            }
                            scheduled++;
                        }
                    } else {
                        while (!idle.isEmpty() && send(idle.peek(), now, now)) {
                            // keep every free connection busy
                        }
                    }
                } else if (inFlight == 0 || now > end + options.timeoutNanos()) {
                    break;
                }
                if (now - lastTimeoutScan > 50_000_000L) {
                    expire(now);
                    retryConnects(now);
                    lastTimeoutScan = now;
                }
                selector.select(waitMillis(now, start, scheduled));
                handleKeys(System.nanoTime());
            }
            if (options.openLoop() && !options.counted()) {
                long intendedTotal = (long) Math.ceil((end - start) / period);
                missed = Math.max(0, intendedTotal - scheduled);
            }
            for (Connection c : connections) {
                if (c.current != null) {
                    errors++;
                }
                closeQuietly(c);
            }
            selector.close();
        }

        private long waitMillis(long now, long start, long scheduled) {
            if (now >= end) {
                return 50;
            }
            if (options.openLoop() && !idle.isEmpty()) {
                long due = start + (long) (scheduled * period);
                return Math.max(1, Math.min(50, (due - now + 999_999) / 1_000_000));
            }
            return 50;
        }

        // ---- sending

        /** Sends the next request on {@code c} (the head of {@code idle}); false if nothing is due. */
        private boolean send(Connection c, long intended, long now) throws IOException {
            Request request = nextRequest(now);
            if (request == null) {
                return false;
            }
            idle.poll();
            request.intended = intended;
            request.sent = now;
            c.current = request;
            c.out = ByteBuffer.wrap(request.bytes);
            inFlight++;
            sent++;
            if (request.duplicate) {
                duplicatesSent++;
            }
            try {
                c.channel.write(c.out);
            } catch (IOException e) {
                fail(c, now);
                return true;
            }
            if (c.out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            return true;
        }

        private Request nextRequest(long now) {
            Request due = retries.peek();
            if (due != null && due.retryAt <= now) {
                retries.poll();
                retriesSent++;
                return due;
            }
            if (options.counted() && newSent >= localCount) {
                return null; // everything sent once: only retries are left
            }
            if (options.duplicates() > 0 && recentCount > 0 && random.nextDouble() < options.duplicates()) {
                Request original = recent[random.nextInt(Math.min(recentCount, RECENT))];
                return new Request(original.bytes, original.index, true);
            }
            int messageIndex = options.counted() ? order[newSent++] : nextIndex++;
            Request request = new Request(build(messageIndex), messageIndex, false);
            recent[recentCount++ % RECENT] = request;
            return request;
        }

        /** A text-message webhook in Meta's envelope (about 520 bytes), signed over its exact bytes. */
        private byte[] build(int messageIndex) {
            int customer = options.bookings() ? globalIndex(messageIndex) : random.nextInt(options.customers());
            String waId = Booking.waId(customer); // 12 digits, unique per customer
            String text = options.bookings()
                    ? Booking.of(customer).text()
                    : "Hi, can I book a table for " + (2 + messageIndex % 6) + " on Friday at 8pm? (message "
                            + messageIndex + ")";
            String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
                    + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                    + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                    + "\"contacts\":[{\"profile\":{\"name\":\"Bench Customer " + customer + "\"},\"wa_id\":\""
                    + waId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid(messageIndex)
                    + "\",\"timestamp\":\"" + System.currentTimeMillis() / 1000 + "\",\"type\":\"text\","
                    + "\"text\":{\"body\":\"" + text + "\"}}]},\"field\":\"messages\"}]}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder headers = new StringBuilder(160);
            if (mac != null) {
                headers.append("X-Hub-Signature-256: sha256=").append(HexFormat.of().formatHex(mac.doFinal(bytes)))
                        .append("\r\n");
            }
            headers.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            byte[] extra = headers.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + extra.length + bytes.length);
            System.arraycopy(extra, 0, request, head.length, extra.length);
            System.arraycopy(bytes, 0, request, head.length + extra.length, bytes.length);
            return request;
        }

        // ---- I/O events

        private void handleKeys(long now) throws IOException {
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection c = (Connection) key.attachment();
                if (!key.isValid() || key != c.key) {
                    continue;
                }
                try {
                    if (key.isConnectable()) {
                        c.channel.finishConnect();
                        key.interestOps(SelectionKey.OP_READ);
                        idle.add(c);
                        continue;
                    }
                    if (key.isWritable() && c.out != null) {
                        c.channel.write(c.out);
                        if (!c.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isReadable()) {
                        read(c, now);
                    }
                } catch (IOException e) {
                    fail(c, now);
                }
            }
        }

        private void read(Connection c, long now) throws IOException {
            while (true) {
                if (c.inLength == c.in.length) {
                    c.in = Arrays.copyOf(c.in, c.in.length * 2);
                }
                int n = c.channel.read(ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength));
                if (n < 0) {
                    Response.Parsed parsed = Response.parse(c.in, c.inLength, true);
                    if (c.current != null && parsed != null) {
                        complete(c, parsed.status(), now, true);
                    } else {
                        fail(c, now);
                    }
                    return;
                }
                c.inLength += n;
                if (c.inLength < c.in.length) {
                    break; // the socket had less than the buffer holds: no need for another read call
                }
            }
            Response.Parsed parsed = Response.parse(c.in, c.inLength, false);
            if (parsed == null) {
                return;
            }
            if (c.current == null) { // a response nobody asked for: the stream is out of step
                fail(c, now);
                return;
            }
            System.arraycopy(c.in, parsed.length(), c.in, 0, c.inLength - parsed.length());
            c.inLength -= parsed.length();
            complete(c, parsed.status(), now, parsed.close());
        }

        private void complete(Connection c, int status, long now, boolean close) {
            Request request = c.current;
            c.current = null;
            c.out = null;
            inFlight--;
            completed++;
            if (status >= 200 && status < 300) {
                status2xx++;
                okCount++;
                acked.set(request.index);
            } else if (status >= 400 && status < 500) {
                status4xx++;
            } else if (status >= 500) {
                status5xx++;
            } else {
                statusOther++;
            }
            if (status < 200 || status >= 300) {
                scheduleRetry(request, now);
            }
            if (request.intended >= warmEnd && request.intended < end) {
                measuredResponses++;
                if (status >= 200 && status < 300) {
                    measuredOk++;
                }
                recordLatency(now - request.intended);
            }
            if (close) {
                reconnect(c);
            } else {
                idle.add(c);
            }
        }

        private void recordLatency(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }

        /** Any I/O failure: the request in flight (if any) is an error and the connection is replaced. */
        private void fail(Connection c, long now) {
            if (c.current != null) {
                scheduleRetry(c.current, now);
                errors++;
                inFlight--;
                completed++;
                if (c.current.intended >= warmEnd && c.current.intended < end) {
                    measuredResponses++;
                    recordLatency(now - c.current.intended);
                }
                c.current = null;
            }
            idle.remove(c);
            reconnect(c);
        }

        /** As Meta does: a webhook not acknowledged is sent again later, with the same bytes. */
        private void scheduleRetry(Request request, long now) {
            if (!options.retry() || request.duplicate || acked.get(request.index)) {
                return; // a duplicate's original is retried on its own
            }
            if (++request.attempts > 60) {
                gaveUp++;
                return;
            }
            long backoff = Math.min(5_000_000_000L, 100_000_000L << Math.min(request.attempts, 6));
            request.retryAt = now + backoff / 2 + random.nextLong(backoff / 2 + 1);
            retries.add(request);
        }

        private void expire(long now) {
            for (Connection c : connections) {
                if (c.current != null && now - c.current.sent > options.timeoutNanos()) {
                    fail(c, now);
                }
            }
        }

        private void reconnect(Connection c) {
            closeQuietly(c);
            reconnects++;
            try {
                open(c);
            } catch (IOException e) {
                errors++;
                c.retryAt = System.nanoTime() + RECONNECT_DELAY;
            }
        }

        private void retryConnects(long now) {
            for (Connection c : connections) {
                if (c.retryAt > 0 && now >= c.retryAt) {
                    c.retryAt = 0;
                    try {
                        open(c);
                    } catch (IOException e) {
                        c.retryAt = now + RECONNECT_DELAY;
                    }
                }
            }
        }

        private void open(Connection c) throws IOException {
            c.inLength = 0;
            c.out = null;
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            c.channel = channel;
            try {
                if (channel.connect(address)) {
                    c.key = channel.register(selector, SelectionKey.OP_READ, c);
                    idle.add(c);
                } else {
                    c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
                }
            } catch (IOException e) {
                closeQuietly(c);
                throw e;
            }
        }

        private static void closeQuietly(Connection c) {
            if (c.channel == null) {
                return;
            }
            try {
                if (c.key != null) {
                    c.key.cancel();
                }
                c.channel.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to do
            }
            c.channel = null;
            c.key = null;
        }
    }

    // ------------------------------------------------------------------------------------------
    // HTTP/1.1 response framing: Content-Length, chunked, or close-delimited

    static final class Response {
        record Parsed(int status, int length, boolean close) {}

        /** The first complete response in {@code b[0, len)}, or null if more bytes are needed. */
        static Parsed parse(byte[] b, int len, boolean eof) {
            int headerEnd = indexOf(b, 0, len, "\r\n\r\n");
            if (headerEnd < 0 || len < 12) {
                return null;
            }
            int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
            long contentLength = -1;
            boolean chunked = false;
            boolean close = b[7] == '0'; // HTTP/1.0 closes by default
            int line = indexOf(b, 0, headerEnd + 2, "\r\n") + 2;
            while (line < headerEnd + 2) {
                int next = indexOf(b, line, headerEnd + 2, "\r\n");
                String header = new String(b, line, next - line, StandardCharsets.ISO_8859_1);
                int colon = header.indexOf(':');
                if (colon > 0) {
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "content-length" -> contentLength = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.contains("chunked");
                        case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                        default -> { }
                    }
                }
                line = next + 2;
            }
            int bodyStart = headerEnd + 4;
            if (chunked) {
                int end = chunkedEnd(b, bodyStart, len);
                return end < 0 ? null : new Parsed(status, end, close);
            }
            if (contentLength >= 0) {
                long end = bodyStart + contentLength;
                return len < end ? null : new Parsed(status, (int) end, close);
            }
            if (status == 204 || status == 304 || status < 200) {
                return new Parsed(status, bodyStart, close);
            }
            return eof ? new Parsed(status, len, true) : null; // close-delimited body
        }

        private static int chunkedEnd(byte[] b, int from, int len) {
            int pos = from;
            while (true) {
                int lineEnd = indexOf(b, pos, len, "\r\n");
                if (lineEnd < 0) {
                    return -1;
                }
                String sizeText = new String(b, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
                int semicolon = sizeText.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
                pos = lineEnd + 2;
                if (size == 0) {
                    int trailerEnd = indexOf(b, pos - 2, len, "\r\n\r\n");
                    return trailerEnd < 0 ? -1 : trailerEnd + 4;
                }
                pos += size + 2;
                if (pos > len) {
                    return -1;
                }
            }
        }

        private static int indexOf(byte[] b, int from, int to, String needle) {
            outer:
            for (int i = from; i <= to - needle.length(); i++) {
                for (int j = 0; j < needle.length(); j++) {
                    if (b[i + j] != needle.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------
    // the merged report

    record Report(
            Options options,
            long sent,
            long duplicatesSent,
            long status2xx,
            long status4xx,
            long status5xx,
            long statusOther,
            long errors,
            long missed,
            long reconnects,
            long measuredResponses,
            long measuredOk,
            long acked,
            long retries,
            long gaveUp,
            long[] latencies,
            long generatorCpuNanos,
            long elapsedNanos) {

        static Report merge(Options options, List<Loop> loops, long cpu, long elapsedNanos) {
            long sent = 0, dup = 0, s2 = 0, s4 = 0, s5 = 0, other = 0, err = 0, missed = 0, rec = 0, mr = 0, mo = 0;
            long acked = 0;
            long retries = 0;
            long gaveUp = 0;
            int count = 0;
            for (Loop l : loops) {
                sent += l.sent;
                dup += l.duplicatesSent;
                s2 += l.status2xx;
                s4 += l.status4xx;
                s5 += l.status5xx;
                other += l.statusOther;
                err += l.errors;
                missed += l.missed;
                rec += l.reconnects;
                mr += l.measuredResponses;
                mo += l.measuredOk;
                acked += l.acked.cardinality();
                retries += l.retriesSent;
                gaveUp += l.gaveUp;
                count += l.latencyCount;
            }
            long[] all = new long[count];
            int at = 0;
            for (Loop l : loops) {
                System.arraycopy(l.latencies, 0, all, at, l.latencyCount);
                at += l.latencyCount;
            }
            Arrays.sort(all);
            return new Report(options, sent, dup, s2, s4, s5, other, err, missed, rec, mr, mo, acked, retries, gaveUp,
                    all, cpu, elapsedNanos);
        }

        /** The measured window; a counted run is measured from its start until its last answer. */
        double seconds() {
            return options.counted() ? elapsedNanos / 1e9 : options.durationNanos() / 1e9;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
        }

        void print(PrintStream out) {
            Options o = options;
            String mode = o.openLoop()
                    ? String.format(Locale.ROOT, "fixed rate %.0f/s (open loop, latency from intended send)", o.rate())
                    : "full speed (closed loop)";
            double rps = measuredResponses / seconds();
            double okRps = measuredOk / seconds();
            double cpuPerRequest = sent == 0 ? 0 : generatorCpuNanos / 1e3 / sent;
            out.printf(Locale.ROOT, "== %s: %s%n", o.label(), o.url());
            out.printf(Locale.ROOT, "mode           %s, %d connections, %d thread(s)%n", mode, o.connections(), o.threads());
            out.printf(Locale.ROOT, "window         %.1f s measured after %.1f s warm-up%n", seconds(), o.warmupNanos() / 1e9);
            out.printf(Locale.ROOT, "sent           %d (%d exact duplicates), distinct wamids acked %d%n", sent, duplicatesSent, acked);
            out.printf(Locale.ROOT, "responses      2xx %d, 4xx %d, 5xx %d, other %d, errors %d, missed %d, reconnects %d%n",
                    status2xx, status4xx, status5xx, statusOther, errors, missed, reconnects);
            if (o.counted() || o.retry()) {
                out.printf(Locale.ROOT, "retries        %d re-sent after no 2xx, %d given up, %d of %d never acknowledged%n",
                        retries, gaveUp, o.counted() ? o.count() - acked : 0, o.count());
            }
            out.printf(Locale.ROOT, "achieved       %.1f responses/s, %.1f 2xx/s (measured window)%n", rps, okRps);
            out.printf(Locale.ROOT, "latency ms     p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (n=%d)%n",
                    percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9),
                    percentileMillis(100), latencies.length);
            out.printf(Locale.ROOT, "generator cpu  %.2f s (%.1f us/request)%n", generatorCpuNanos / 1e9, cpuPerRequest);
            out.printf(Locale.ROOT,
                    "RESULT label=%s mode=%s rate=%.0f connections=%d seconds=%.1f sent=%d duplicates=%d acked=%d "
                            + "s2xx=%d s4xx=%d s5xx=%d other=%d errors=%d missed=%d rps=%.1f ok_rps=%.1f "
                            + "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f gen_cpu_s=%.2f "
                            + "retries=%d gave_up=%d unacked=%d%n",
                    o.label(), o.openLoop() ? "fixed" : "full", o.rate(), o.connections(), seconds(), sent,
                    duplicatesSent, acked, status2xx, status4xx, status5xx, statusOther, errors, missed, rps, okRps,
                    percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9),
                    percentileMillis(100), generatorCpuNanos / 1e9, retries, gaveUp,
                    o.counted() ? o.count() - acked : 0);
        }
    }

    // ------------------------------------------------------------------------------------------
    // bookings mode: what customer i says, so that the records it must become are known

    record Booking(String waId, String name, int guests, java.time.LocalDate date) {
        private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Gina", "Hugo"};
        private static final String CONSONANTS = "bdfgklmnprstvz";
        private static final String VOWELS = "aeiou";

        static String waId(int customer) {
            return "4479" + (100_000_000 + customer);
        }

        /** Customer i: a unique number and surname, a party of 2 to 10, a date within two years. */
        static Booking of(int customer) {
            StringBuilder surname = new StringBuilder("Zu");
            int n = customer;
            do { // syllables in base 70 (14 consonants x 5 vowels): unique per customer
                surname.append(CONSONANTS.charAt(n % 70 / 5)).append(VOWELS.charAt(n % 5));
                n /= 70;
            } while (n > 0);
            String name = FIRST[customer % FIRST.length] + " " + surname;
            return new Booking(waId(customer), name, 2 + customer % 9,
                    java.time.LocalDate.of(2027, 1, 1).plusDays(customer % 700));
        }

        String text() {
            String month = date.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            return "Hi, I would like to book a table for " + guests + " people on " + date.getDayOfMonth() + " "
                    + month + " " + date.getYear() + " at 7pm. My name is " + name;
        }
    }
}
