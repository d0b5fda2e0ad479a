package io.chatbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.record.RecordChanged;
import io.chatbridge.support.CountingSink;
import io.chatbridge.support.FlakySink;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox with two chatbridge instances on one database: each delivery goes out once, retries
 * back off, permanent failures reach the dead letter and can be replayed.
 */
class OutboxIT {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path secondDataDir;

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        first = TestApplication.start(
                dataDir, "--chatbridge.outbox.batch-size=7", "--chatbridge.outbox.max-attempts=3");
        int dbPort = first.getBean(io.chatbridge.storage.EmbeddedDatabase.class).port();
        second = TestApplication.start(
                secondDataDir,
                "--chatbridge.outbox.batch-size=7",
                "--chatbridge.outbox.max-attempts=3",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "--spring.datasource.username=postgres");
        webhooks = new Webhooks(TestApplication.port(first));
        jdbc = first.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void twoInstancesDrainingOneQueueDeliverEachRecordVersionExactlyOnce() throws Exception {
        int records = 120;
        for (int i = 0; i < records; i++) {
            assertThat(webhooks.post(Webhooks.textMessage(
                                    "wamid.two" + i,
                                    "4470000" + (10_000 + i),
                                    "T",
                                    1_760_000_000,
                                    "book two-instance " + i))
                            .statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(
                                "select count(*) from delivery d join record r on r.id = d.record_id where d.sink = 'count' and r.fields->>'notes' like 'book two-instance %'")
                        == records);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                workers.add(() -> first.getBean(OutboxWorker.class).drain("count"));
                workers.add(() -> second.getBean(OutboxWorker.class).drain("count"));
            }
            for (Future<Integer> done : pool.invokeAll(workers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        Map<String, AtomicInteger> delivered = CountingSink.DELIVERED;
        List<String> humanIds = jdbc.sql(
                        "select human_id || '@' || version from record where fields->>'notes' like 'book two-instance %'")
                .query(String.class)
                .list();
        assertThat(humanIds).hasSize(records);
        assertThat(humanIds)
                .allSatisfy(key -> assertThat(delivered.get(key)).as(key).hasValue(1));
        assertThat(
                        count(
                                "select count(*) from delivery d join record r on r.id = d.record_id where d.sink = 'count' and d.state = 'done' and r.fields->>'notes' like 'book two-instance %'"))
                .isEqualTo(records);
    }

    @Test
    void transientFailuresRetryWithBackoffUntilDelivered() {
        FlakySink.TRANSIENT_FAILURES_LEFT.put("book flaky twice", new AtomicInteger(2));
        webhooks.post(Webhooks.textMessage("wamid.flaky2", "447000099001", "F", 1_760_000_000, "book flaky twice"));
        String humanId = awaitRecord("book flaky twice");

        OutboxWorker worker = first.getBean(OutboxWorker.class);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    worker.drain("flaky");
                    return "done".equals(state(humanId, "flaky"));
                });
        assertThat(FlakySink.DELIVERED.get(humanId + "@1")).hasValue(1);
        assertThat(FlakySink.TRANSIENT_FAILURES_LEFT.get("book flaky twice").get())
                .isNegative();
    }

    @Test
    void permanentFailuresGoToTheDeadLetterAndAReplayDeliversThem() {
        FlakySink.PERMANENT.put("book rejected row", true);
        webhooks.post(Webhooks.textMessage("wamid.dead1", "447000099002", "D", 1_760_000_000, "book rejected row"));
        String humanId = awaitRecord("book rejected row");
        OutboxWorker worker = first.getBean(OutboxWorker.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            worker.drain("flaky");
            return "dead".equals(state(humanId, "flaky"));
        });
        var dead = webhooks.get("/api/deliveries?state=dead&sink=flaky", "admin", "test-admin-password");
        assertThat(dead.body()).contains(humanId).contains("400 bad row");
        long id = jdbc.sql(
                        "select d.id from delivery d join record r on r.id = d.record_id where r.human_id = ? and d.sink = 'flaky'")
                .param(humanId)
                .query(Long.class)
                .single();

        FlakySink.PERMANENT.remove("book rejected row");
        var replay = webhooks.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + TestApplication.port(first) + "/api/deliveries/" + id + "/replay"))
                .header(
                        "Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(replay.statusCode()).isEqualTo(202);
        worker.drain("flaky");
        assertThat(state(humanId, "flaky")).isEqualTo("done");
        assertThat(FlakySink.DELIVERED.get(humanId + "@1")).hasValue(1);
    }

    @Test
    void aVersionArrivingWhileInFlightIsDeliveredAfterwardsNotInParallel() {
        webhooks.post(Webhooks.textMessage("wamid.inflight", "447000099003", "I", 1_760_000_000, "book in flight"));
        String humanId = awaitRecord("book in flight");
        long recordId = recordId(humanId);
        DeliveryRepository repository = first.getBean(DeliveryRepository.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> "pending".equals(state(humanId, "flaky")));
        List<ClaimedDelivery> claimed = first.getBean(org.springframework.transaction.support.TransactionTemplate.class)
                .execute(s -> repository.claim("flaky", 1000, Duration.ofMinutes(5), "test-claimant"));
        assertThat(claimed).extracting(ClaimedDelivery::recordId).contains(recordId);

        repository.enqueue(recordId, 2, List.of("flaky"));
        assertThat(state(humanId, "flaky")).isEqualTo("in_flight");
        List<ClaimedDelivery> meanwhile = first.getBean(
                        org.springframework.transaction.support.TransactionTemplate.class)
                .execute(s -> repository.claim("flaky", 1000, Duration.ofMinutes(5), "other"));
        assertThat(meanwhile).extracting(ClaimedDelivery::recordId).doesNotContain(recordId);

        // the worker marks a whole batch in one statement: this row's newer version keeps it pending
        repository.markDelivered(
                claimed.stream().map(ClaimedDelivery::id).toList(),
                claimed.stream().map(d -> 1).toList(),
                "test-claimant");
        meanwhile.forEach(d -> repository.markDelivered(d.id(), d.version(), "other"));
        assertThat(state(humanId, "flaky")).isEqualTo("pending");
    }

    /**
     * An import's changes are queued together as its transaction commits: one row per sink and record at
     * the newest version whatever order the changes came in, a row in flight left in flight, nothing at all
     * from a transaction rolled back.
     */
    @Test
    void anImportsChangesAreQueuedAtTheirNewestVersionOnlyWhenTheirTransactionCommits() {
        DeliveryRepository repository = first.getBean(DeliveryRepository.class);
        TransactionTemplate transaction = first.getBean(TransactionTemplate.class);
        String first2 = postAndAwaitRecord("wamid.batch2", "447000099022", "book batched two");
        long id2 = recordId(first2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "pending".equals(state(first2, "flaky")));
        List<ClaimedDelivery> claimed =
                transaction.execute(s -> repository.claim("flaky", 1000, Duration.ofMinutes(5), "test-claimant"));
        assertThat(claimed).extracting(ClaimedDelivery::recordId).contains(id2);
        String first1 = postAndAwaitRecord("wamid.batch1", "447000099021", "book batched one");
        long id1 = recordId(first1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "pending".equals(state(first1, "flaky")));
        ApplicationEventPublisher events = first; // the context publishes, as in production
        Instant history = Instant.parse("2024-01-01T00:00:00Z");
        String type = typeOf(id1);

        transaction.executeWithoutResult(s -> {
            setVersion(id1, 7); // the import writes its versions, then tells them
            setVersion(id2, 4);
            for (int version : new int[] {5, 7, 6}) {
                events.publishEvent(
                        new RecordChanged(id1, first1, type, version, "chat", Set.of("notes"), true, history));
            }
            events.publishEvent(new RecordChanged(id2, first2, type, 4, "chat", Set.of("notes"), true, history));
            assertThat(version(id1, "flaky"))
                    .as("queued when the transaction commits")
                    .isEqualTo(1);
        });
        transaction.executeWithoutResult(s -> {
            events.publishEvent(new RecordChanged(id1, first1, type, 9, "chat", Set.of("notes"), true, history));
            s.setRollbackOnly();
        });

        assertThat(version(id1, "flaky")).isEqualTo(7);
        assertThat(state(first1, "flaky")).isEqualTo("pending");
        assertThat(version(id1, "count")).isEqualTo(7);
        assertThat(version(id2, "flaky")).isEqualTo(4);
        assertThat(state(first2, "flaky")).isEqualTo("in_flight");
    }

    /**
     * A savepoint rolled back inside an import's transaction (a conversation set aside after its changes
     * were told) takes its records' new versions, and the records it created, with it: their deliveries are
     * not queued, the rest of the transaction's are. A delivery for a record not there failed the commit.
     */
    @Test
    void anImportsChangesRolledBackToASavepointAreNotQueued() {
        String humanId = postAndAwaitRecord("wamid.savepoint", "447000099031", "book savepoint");
        long id = recordId(humanId);
        await().atMost(Duration.ofSeconds(10)).until(() -> version(id, "count") == 1);
        TransactionTemplate transaction = first.getBean(TransactionTemplate.class);
        ApplicationEventPublisher events = first;
        Instant history = Instant.parse("2024-01-01T00:00:00Z");
        String type = typeOf(id);

        transaction.executeWithoutResult(s -> {
            setVersion(id, 2);
            events.publishEvent(new RecordChanged(id, humanId, type, 2, "chat", Set.of("notes"), true, history));
            Object savepoint = s.createSavepoint();
            setVersion(id, 3);
            events.publishEvent(new RecordChanged(id, humanId, type, 3, "chat", Set.of("notes"), true, history));
            long created = jdbc.sql("select nextval('record_id_seq')")
                    .query(Long.class)
                    .single();
            events.publishEvent(new RecordChanged(created, "NT-X", type, 1, "chat", Set.of("notes"), true, history));
            s.rollbackToSavepoint(savepoint);
        });

        assertThat(version(id, "count")).isEqualTo(2);
        assertThat(
                        count(
                                "select count(*) from delivery d where not exists (select 1 from record r where r.id = d.record_id)"))
                .isZero();
    }

    private static String typeOf(long recordId) {
        return jdbc.sql("select type from record where id = ?")
                .param(recordId)
                .query(String.class)
                .single();
    }

    private static void setVersion(long recordId, int version) {
        jdbc.sql("update record set version = ? where id = ?")
                .params(version, recordId)
                .update();
    }

    private static long recordId(String humanId) {
        return jdbc.sql("select id from record where human_id = ?")
                .param(humanId)
                .query(Long.class)
                .single();
    }

    private static int version(long recordId, String sink) {
        return jdbc.sql("select version from delivery where record_id = ? and sink = ?")
                .params(recordId, sink)
                .query(Integer.class)
                .single();
    }

    @Test
    void whatAnOutageHeldIsDeliveredAsSoonAsTheSinkTakesABatchAgain() {
        OutboxWorker worker = first.getBean(OutboxWorker.class);
        drainWhatIsDue(worker);
        FlakySink.DOWN.set(true);
        String during1;
        String during2;
        try {
            // two batches refused while the sink is down; each delivery now waits at least a minute
            during1 = postAndAwaitRecord("wamid.outage1", "447000099011", "book during outage one");
            worker.drain("flaky");
            during2 = postAndAwaitRecord("wamid.outage2", "447000099012", "book during outage two");
            worker.drain("flaky");
            assertThat(List.of(state(during1, "flaky"), state(during2, "flaky")))
                    .containsOnly("pending");
            assertThat(count(
                            "select count(*) from delivery d join record r on r.id = d.record_id"
                                    + " where d.sink = 'flaky' and r.human_id in (?, ?)"
                                    + " and d.next_attempt_at > now() + interval '50 seconds'",
                            during1,
                            during2))
                    .isEqualTo(2);
        } finally {
            FlakySink.DOWN.set(false);
        }
        String after = postAndAwaitRecord("wamid.outage3", "447000099013", "book after the outage");

        worker.drain("flaky");

        for (String humanId : new String[] {after, during1, during2}) {
            assertThat(state(humanId, "flaky")).as(humanId).isEqualTo("done");
            assertThat(FlakySink.DELIVERED.get(humanId + "@1")).as(humanId).hasValue(1);
        }
    }

    @Test
    void anOutageOutlastingEveryRetryDoesNotSendGoodRecordsToTheDeadLetter() {
        OutboxWorker worker = first.getBean(OutboxWorker.class);
        drainWhatIsDue(worker);
        String held = postAndAwaitRecord("wamid.longoutage", "447000099031", "book during a long outage");
        FlakySink.DOWN.set(true);
        try {
            for (int attempt = 0; attempt < 5; attempt++) { // max-attempts is 3 here
                dueNow(held);
                worker.drain("flaky");
            }
            assertThat(state(held, "flaky")).isEqualTo("pending");
            assertThat(count(
                            "select attempts from delivery d join record r on r.id = d.record_id"
                                    + " where d.sink = 'flaky' and r.human_id = ?",
                            held))
                    .isEqualTo(5);
        } finally {
            FlakySink.DOWN.set(false);
        }
        dueNow(held);
        worker.drain("flaky");
        assertThat(state(held, "flaky")).isEqualTo("done");
        assertThat(FlakySink.DELIVERED.get(held + "@1")).hasValue(1);
    }

    /** Time passing: the delivery's backoff is over. */
    private static void dueNow(String humanId) {
        jdbc.sql("update delivery d set next_attempt_at = now() from record r"
                        + " where r.id = d.record_id and d.sink = 'flaky' and r.human_id = ?")
                .param(humanId)
                .update();
    }

    @Test
    void aBatchRefusedOnItsOwnKeepsItsBackoffWhenOthersGoThrough() {
        OutboxWorker worker = first.getBean(OutboxWorker.class);
        drainWhatIsDue(worker);
        FlakySink.REFUSED_FOR_A_MINUTE.put("book refused alone", true);
        try {
            String refused = postAndAwaitRecord("wamid.alone1", "447000099021", "book refused alone");
            worker.drain("flaky");
            String fine = postAndAwaitRecord("wamid.alone2", "447000099022", "book fine afterwards");

            worker.drain("flaky");

            assertThat(state(fine, "flaky")).isEqualTo("done");
            assertThat(state(refused, "flaky")).isEqualTo("pending");
            assertThat(count(
                            "select count(*) from delivery d join record r on r.id = d.record_id"
                                    + " where d.sink = 'flaky' and r.human_id = ? and d.attempts = 1"
                                    + " and d.next_attempt_at > now() + interval '50 seconds'",
                            refused))
                    .isEqualTo(1);
        } finally {
            FlakySink.REFUSED_FOR_A_MINUTE.remove("book refused alone");
        }
    }

    /** Earlier tests' deliveries out of the way, so the batches below hold only this test's. */
    private static void drainWhatIsDue(OutboxWorker worker) {
        worker.drain("flaky");
        jdbc.sql("update delivery set state = 'done' where sink = 'flaky' and state = 'pending'")
                .update();
    }

    private static String postAndAwaitRecord(String wamid, String phone, String notes) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, phone, "O", 1_760_000_000, notes))
                        .statusCode())
                .isEqualTo(200);
        return awaitRecord(notes);
    }

    private static String awaitRecord(String notes) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count("select count(*) from record where fields->>'notes' = ?", notes) == 1);
        return jdbc.sql("select human_id from record where fields->>'notes' = ?")
                .param(notes)
                .query(String.class)
                .single();
    }

    private static String state(String humanId, String sink) {
        return jdbc.sql(
                        "select d.state from delivery d join record r on r.id = d.record_id where r.human_id = ? and d.sink = ?")
                .params(humanId, sink)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
