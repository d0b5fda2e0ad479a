package io.chatbridge.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.record.RecordService;
import io.chatbridge.support.Stored;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.Webhooks;
import io.chatbridge.support.hubspot.FakeHubSpot;
import io.chatbridge.support.hubspot.HubSpotInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From a signed WhatsApp webhook to a contact, a deal, an association, a timeline note and an owner in
 * the (fake) HubSpot, and back: a stage moved in HubSpot changes the booking's status, which queues the
 * customer's WhatsApp confirmation. The real extractor, the shipped booking mapping, the real routes.
 */
class HubSpotEndToEndIT {

    @TempDir
    static Path dir;

    static FakeHubSpot fake;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;
    static int port;

    @BeforeAll
    static void start() {
        fake = new FakeHubSpot();
        fake.addOwner("101", "ana.sales@example.com");
        fake.addOwner("102", "ben.sales@example.com");
        fake.addOwner("201", "carla.weddings@example.com");
        app = HubSpotInstance.start(
                fake, dir, "--chatbridge.hubspot.poll=true", "--chatbridge.hubspot.poll-interval=500ms");
        port = TestApplication.port(app);
        webhooks = new Webhooks(port);
        jdbc = app.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @Test
    void aBookingBecomesAContactADealWithAnOwnerAndANoteOnTheTimeline() {
        String id = book(
                "wamid.hs1",
                "447700900201",
                "Ana",
                "Hi, I would like to book a table for 8 people on 5 December at 7pm, name is Ana");
        FakeHubSpot.CrmObject deal = awaitDeal(id);
        FakeHubSpot.CrmObject contact = fake.find("contacts", "whatsapp_id", "447700900201");
        assertThat(contact).isNotNull();
        assertThat(contact.properties()).containsEntry("firstname", "Ana").containsEntry("phone", "+447700900201");
        assertThat(deal.properties())
                .containsEntry("pipeline", "default")
                .containsEntry("dealstage", "appointmentscheduled");
        String owner = deal.properties().get("hubspot_owner_id");
        assertThat(owner).isIn("101", "102"); // round-robin; its turns are shared with the other tests
        assertThat(deal.properties().get("dealname")).matches("table – Ana – \\d{4}-12-05");
        // the association is its own request after the deal's batch upsert: it may land a moment later
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.associations()
                .contains(new FakeHubSpot.Association("deals", deal.id(), "contacts", contact.id(), 3)));
        await().atMost(Duration.ofSeconds(20)).until(() -> noteFor(contact.id()) != null);
        FakeHubSpot.Note note = noteFor(contact.id());
        assertThat(note.associatedIds()).containsExactly(contact.id(), deal.id());
        assertThat(note.properties().get("hs_note_body"))
                .contains("book a table for 8 people")
                .contains(id);
        assertThat(note.properties()).containsEntry("hubspot_owner_id", owner);
        await().atMost(Duration.ofSeconds(20)).until(() -> ("\"" + owner + "\"").equals(field(id, "hubspot_owner")));
        assertThat(jdbc.sql(
                                "select reason from hubspot_assignment a join record r on r.id = a.record_id where r.human_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("round-robin");
        assertThat(fake.hasUniqueProperty("contacts", "whatsapp_id")).isTrue();
        assertThat(fake.hasUniqueProperty("deals", "chatbridge_id")).isTrue();
    }

    @Test
    void aWeddingEnquiryGoesToTheWeddingOwner() {
        String id = book(
                "wamid.hs2",
                "447700900202",
                "Bea",
                "Hello, I want to book a wedding cake for 80 guests on 12 December, name is Bea");
        FakeHubSpot.CrmObject deal = awaitDeal(id);
        assertThat(deal.properties()).containsEntry("hubspot_owner_id", "201");
    }

    @Test
    void aStageMovedInHubSpotConfirmsTheBookingOnceAndQueuesTheCustomersConfirmation() {
        String id = book(
                "wamid.hs3",
                "447700900203",
                "Carl",
                "Hi, can I book a table for 4 people on 6 December at 8pm, name is Carl");
        FakeHubSpot.CrmObject deal = awaitDeal(id);
        long upserts = fake.requests("upsert:deals");

        fake.setProperty("deals", deal.id(), "dealstage", "contractsent"); // what staff did in HubSpot
        String event = HubSpotInstance.dealChange(9001, deal.id(), "dealstage", "contractsent");
        assertThat(webhooks.send(HubSpotInstance.signedWebhook(port, event, System.currentTimeMillis()))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "confirmed".equals(status(id)));
        assertThat(changesFrom(id, "hubspot", "status")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from outbound_message where idempotency_key like ?")
                                .param("confirmation:" + id + ":%")
                                .query(Long.class)
                                .single()
                        == 1);

        // HubSpot retries the same event: stored once, applied once
        assertThat(webhooks.send(HubSpotInstance.signedWebhook(port, event, System.currentTimeMillis()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from hubspot_event where event_id = 9001")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // the change came from HubSpot, so it is not written back there
        sleep(1500);
        assertThat(changesFrom(id, "hubspot", "status")).isEqualTo(1);
        assertThat(fake.requests("upsert:deals")).isEqualTo(upserts);
    }

    @Test
    void aStageMovedWithoutAWebhookIsFoundByThePoller() {
        String id = book(
                "wamid.hs5",
                "447700900205",
                "Eva",
                "Hi, please book a table for 3 people on 8 December at 9pm, name is Eva");
        FakeHubSpot.CrmObject deal = awaitDeal(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> field(id, "hubspot_owner") != null);
        fake.setProperty("deals", deal.id(), "dealstage", "closedlost");
        await().atMost(Duration.ofSeconds(20)).until(() -> "cancelled".equals(status(id)));
        assertThat(jdbc.sql(
                                """
                        select cause from record_change c join record r on r.id = c.record_id
                        where r.human_id = ? and c.origin = 'hubspot' and c.field = 'status'""")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("hubspot:poll");
    }

    @Test
    void rateLimitsALockAndAServerErrorAreRiddenOutWithoutADuplicate() {
        fake.failNext(
                "batch/upsert",
                FakeHubSpot.Fault.TEN_SECONDLY,
                FakeHubSpot.Fault.LOCKED,
                FakeHubSpot.Fault.SERVER_ERROR);
        long faultsBefore = fake.requests("fault");
        String id = book(
                "wamid.hs6",
                "447700900206",
                "Finn",
                "Hi, I would like to book a table for 5 people on 9 December at 6pm, name is Finn");
        awaitDeal(id);
        assertThat(fake.requests("fault") - faultsBefore).isEqualTo(3);
        assertThat(fake.objects("deals").stream()
                        .filter(d -> id.equals(d.properties().get("chatbridge_id"))))
                .hasSize(1);
        assertThat(fake.objects("contacts").stream()
                        .filter(c -> "447700900206".equals(c.properties().get("whatsapp_id"))))
                .hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> "done"
                .equals(jdbc.sql(
                                "select d.state from delivery d join record r on r.id = d.record_id where r.human_id = ? and d.sink = 'hubspot'")
                        .param(id)
                        .query(String.class)
                        .single()));
    }

    @Test
    void theDailyLimitHoldsDeliveriesWithoutUsingUpTheirAttemptsUntilTheReset() {
        notAtTheEndOfTheDay();
        fake.failNext("batch/upsert", FakeHubSpot.Fault.DAILY);
        String id = book(
                "wamid.hs8",
                "447700900208",
                "Hana",
                "Hi, I would like to book a table for 2 people on 11 December at 7pm, name is Hana");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from hubspot_state where key = 'daily-limit-until'")
                                .query(Long.class)
                                .single()
                        == 1);
        long requests = fake.requests();
        sleep(2000);
        assertThat(fake.requests()).isEqualTo(requests); // nothing goes out until midnight
        assertThat(fake.find("deals", "chatbridge_id", id)).isNull();
        assertThat(jdbc.sql(
                                "select d.attempts from delivery d join record r on r.id = d.record_id where r.human_id = ? and d.sink = 'hubspot'")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // midnight in the account's zone: the pause ends and the delivery goes out
        jdbc.sql("delete from hubspot_state where key = 'daily-limit-until'").update();
        jdbc.sql("update delivery set next_attempt_at = now() where sink = 'hubspot' and state = 'pending'")
                .update();
        awaitDeal(id);
    }

    @Test
    void aContactRenamedInHubSpotIsAConflictBecauseTheChatOwnsTheName() {
        String id = book(
                "wamid.hs7",
                "447700900207",
                "Gus",
                "Hi, I want to book a table for 6 people on 10 December at 8pm, name is Gus");
        awaitDeal(id);
        String contactId = fake.find("contacts", "whatsapp_id", "447700900207").id();
        String event =
                """
                [{"eventId":9010,"subscriptionId":2346,"portalId":62515,"appId":54321,"occurredAt":%d,\
                "subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":%s,\
                "propertyName":"firstname","propertyValue":"Gustav","changeSource":"CRM"}]"""
                        .formatted(System.currentTimeMillis(), contactId);
        assertThat(webhooks.send(HubSpotInstance.signedWebhook(port, event, System.currentTimeMillis()))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql(
                                        """
                                select count(*) from record_conflict c join record r on r.id = c.record_id
                                where r.human_id = ? and c.field = 'customer_name' and c.origin = 'hubspot'""")
                                .param(id)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(field(id, "customer_name")).isEqualTo("\"Gus\"");
    }

    @Test
    void anEventCarryingWhatWeWroteIsOurOwnEchoAndChangesNothing() {
        String id = book(
                "wamid.hs4",
                "447700900204",
                "Dora",
                "Hi, I'd like to book a table for 2 people on 7 December at 1pm, name is Dora");
        FakeHubSpot.CrmObject deal = awaitDeal(id);
        String event = HubSpotInstance.dealChange(9002, deal.id(), "dealstage", "appointmentscheduled");
        assertThat(webhooks.send(HubSpotInstance.signedWebhook(port, event, System.currentTimeMillis()))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ignored"
                .equals(jdbc.sql("select state from hubspot_event where event_id = 9002")
                        .query(String.class)
                        .single()));
        assertThat(jdbc.sql("select outcome from hubspot_event where event_id = 9002")
                        .query(String.class)
                        .single())
                .contains("our own write");
        assertThat(changesFrom(id, "hubspot", "status")).isZero();
    }

    @Test
    void unsignedStaleOrTamperedWebhooksAreRefusedAndNothingIsStored() {
        String event = HubSpotInstance.dealChange(9003, "1", "dealstage", "closedlost");
        long stale = System.currentTimeMillis() - Duration.ofMinutes(6).toMillis();
        assertThat(webhooks.send(HubSpotInstance.signedWebhook(port, event, stale))
                        .statusCode())
                .isEqualTo(401);
        var signed = HubSpotInstance.signedWebhook(port, event, System.currentTimeMillis());
        var tampered = java.net.http.HttpRequest.newBuilder(signed.uri())
                .header("Content-Type", "application/json")
                .header(
                        "X-HubSpot-Signature-v3",
                        signed.headers().firstValue("X-HubSpot-Signature-v3").orElseThrow())
                .header(
                        "X-HubSpot-Request-Timestamp",
                        signed.headers()
                                .firstValue("X-HubSpot-Request-Timestamp")
                                .orElseThrow())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event.replace("closedlost", "closedwon")))
                .build();
        assertThat(webhooks.send(tampered).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from hubspot_event where event_id = 9003")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(webhooks.send(HubSpotInstance.signedWebhook(
                                port, "{\"not\":\"an array\"}", System.currentTimeMillis()))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theStatusEndpointNeedsTheAdminAndShowsTheConnector() {
        assertThat(webhooks.get("/api/hubspot/status", null, null).statusCode()).isEqualTo(401);
        var response = webhooks.get("/api/hubspot/status", "admin", "test-admin-password");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"enabled\":true").contains("\"boundTypes\":[\"booking\"]");
    }

    // ---- a notes call cut off by a crash: notes cannot be upserted, so a repeat would write them twice

    @Test
    void aNoteCreatedJustBeforeACrashIsFoundInHubSpotAndNotCreatedAgain() {
        CutOffNote cut = noteCutOffByACrash("447700900231", "Ivo", "wamid.hs-crash1");

        app.getBean(RecordService.class)
                .applyChange(cut.humanId(), "admin", Map.of("notes", "after the crash"), "test");

        await().atMost(Duration.ofSeconds(30)).until(() -> notingUntil(cut.humanId()) == null);
        assertThat(notesWith(cut.contactId(), "see you at 8"))
                .as("the cut-off note, once")
                .hasSize(1);
    }

    @Test
    void aNoteWhoseCallNeverReachedHubSpotIsCreatedOnce() {
        CutOffNote cut = noteCutOffByACrash("447700900232", "Jon", "wamid.hs-crash2");
        fake.forgetNote(cut.noteId());

        app.getBean(RecordService.class)
                .applyChange(cut.humanId(), "admin", Map.of("notes", "after the crash"), "test");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> notesWith(cut.contactId(), "see you at 8").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> notingUntil(cut.humanId()) == null);
        assertThat(notesWith(cut.contactId(), "see you at 8")).hasSize(1);
    }

    @Test
    void messagesAfterACutOffNoteGoInANoteOfTheirOwnWithoutRepeatingIt() {
        CutOffNote cut = noteCutOffByACrash("447700900233", "Kai", "wamid.hs-crash3");
        assertThat(webhooks.post(Webhooks.textMessage(
                                "wamid.hs-crash3-c",
                                "447700900233",
                                "Kai",
                                System.currentTimeMillis() / 1000 + 120,
                                "one more thing: a high chair please"))
                        .statusCode())
                .isEqualTo(200);
        Stored.awaitMessage(jdbc, "wamid.hs-crash3-c");

        app.getBean(RecordService.class)
                .applyChange(cut.humanId(), "admin", Map.of("notes", "after the crash"), "test");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> notesWith(cut.contactId(), "high chair").size() == 1);
        assertThat(notesWith(cut.contactId(), "see you at 8"))
                .as("the cut-off note, once")
                .hasSize(1);
        assertThat(notesWith(cut.contactId(), "high chair").get(0).properties().get("hs_note_body"))
                .doesNotContain("see you at 8");
    }

    private record CutOffNote(String humanId, String contactId, String noteId) {}

    /**
     * A booking with its first note, then a second message whose note HubSpot created; the database is
     * then put back as a crash between the call and its bookkeeping leaves it: the note noted as
     * being written ({@code noting_until}) but not as written ({@code noted_until} still the first).
     */
    private static CutOffNote noteCutOffByACrash(String waId, String name, String wamid) {
        String id = book(wamid, waId, name, "Hi, book a table for 2 people on 6 December at 8pm, name is " + name);
        awaitDeal(id);
        String contactId = fake.find("contacts", "whatsapp_id", waId).id();
        await().atMost(Duration.ofSeconds(20)).until(() -> noteFor(contactId) != null);
        // HubSpot holds the note before the connector's bookkeeping commits: wait for that too
        await().atMost(Duration.ofSeconds(20)).until(() -> notedUntil(id) != null);
        java.sql.Timestamp first = notedUntil(id);
        assertThat(webhooks.post(Webhooks.textMessage(
                                wamid + "-b",
                                waId,
                                name,
                                System.currentTimeMillis() / 1000 + 60,
                                "great, see you at 8"))
                        .statusCode())
                .isEqualTo(200);
        Stored.awaitMessage(jdbc, wamid + "-b");
        // a message alone changes no record; a change sends the record, and its note carries the message
        app.getBean(RecordService.class).applyChange(id, "admin", Map.of("notes", "before the crash"), "test");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notesWith(contactId, "see you at 8").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !first.equals(notedUntil(id)));
        java.sql.Timestamp second = notedUntil(id);
        jdbc.sql(
                        """
                        update hubspot_deal set noted_until = ?, noting_until = ?
                        where record_id = (select id from record where human_id = ?)""")
                .params(first, second, id)
                .update();
        return new CutOffNote(
                id, contactId, notesWith(contactId, "see you at 8").get(0).id());
    }

    private static List<FakeHubSpot.Note> notesWith(String contactId, String text) {
        return fake.notes().stream()
                .filter(n -> n.associatedIds().contains(contactId))
                .filter(n -> n.properties().getOrDefault("hs_note_body", "").contains(text))
                .toList();
    }

    private static java.sql.Timestamp notedUntil(String humanId) {
        return dealTime("noted_until", humanId);
    }

    private static java.sql.Timestamp notingUntil(String humanId) {
        return dealTime("noting_until", humanId);
    }

    /** A timestamp column of the record's {@code hubspot_deal} row; may be null. */
    private static java.sql.Timestamp dealTime(String column, String humanId) {
        return jdbc.sql("select " + column
                        + " from hubspot_deal where record_id = (select id from record where human_id = ?)")
                .param(humanId)
                .query((rs, n) -> rs.getTimestamp(1))
                .list()
                .get(0);
    }

    private static String book(String wamid, String waId, String name, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, waId, name, System.currentTimeMillis() / 1000, text))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !jdbc.sql("select human_id from record where conversation_id like ? and complete")
                        .param("%:" + waId)
                        .query(String.class)
                        .list()
                        .isEmpty());
        return jdbc.sql("select human_id from record where conversation_id like ?")
                .param("%:" + waId)
                .query(String.class)
                .single();
    }

    private static FakeHubSpot.CrmObject awaitDeal(String humanId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> fake.find("deals", "chatbridge_id", humanId) != null);
        return fake.find("deals", "chatbridge_id", humanId);
    }

    private static FakeHubSpot.Note noteFor(String contactId) {
        List<FakeHubSpot.Note> notes = fake.notes().stream()
                .filter(n -> n.associatedIds().contains(contactId))
                .toList();
        return notes.isEmpty() ? null : notes.get(0);
    }

    private static String status(String humanId) {
        return jdbc.sql("select status from record where human_id = ?")
                .param(humanId)
                .query(String.class)
                .single();
    }

    private static String field(String humanId, String field) {
        return jdbc.sql("select fields -> ? #>> '{}' from record where human_id = ?")
                .params(field, humanId)
                .query(String.class)
                .optional()
                .map(v -> "\"" + v + "\"")
                .orElse(null);
    }

    private static long changesFrom(String humanId, String origin, String field) {
        return jdbc.sql(
                        """
                        select count(*) from record_change c join record r on r.id = c.record_id
                        where r.human_id = ? and c.origin = ? and c.field = ?""")
                .params(humanId, origin, field)
                .query(Long.class)
                .single();
    }

    /**
     * The daily limit pauses until the account's midnight (UTC here): started in a day's last minute, the
     * pause would end while the test checks that nothing goes out. Then it waits for the next day.
     */
    private static void notAtTheEndOfTheDay() {
        Instant now = Instant.now();
        Duration left = Duration.between(now, now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS));
        if (left.compareTo(Duration.ofMinutes(1)) < 0) {
            sleep(left.plusSeconds(1).toMillis());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
