package io.chatbridge.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.record.RecordService;
import io.chatbridge.support.FakeGraphApi;
import io.chatbridge.support.Stored;
import io.chatbridge.support.TestApplication;
import io.chatbridge.support.TestClock;
import io.chatbridge.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Time-driven automations with a movable clock and the shipped mappings (Europe/London, open
 * Mon–Fri 09:00–18:00): one auto-reply per closed period, and reminders that survive a restart, go
 * out once, skip cancelled bookings, and take "1" for an answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemindersAndBusinessHoursIT {

    // Wednesday 2 December 2026, 23:00 in London (UTC+0 in winter)
    private static final Instant WEDNESDAY_2300 = Instant.parse("2026-12-02T23:00:00Z");
    private static final Instant MONDAY_1000 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    static Path dataDir;

    static FakeGraphApi graph;
    static ConfigurableApplicationContext app;
    static Webhooks webhooks;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        graph = new FakeGraphApi();
        TestClock.INSTANCE.set(WEDNESDAY_2300);
        startApp();
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
        TestClock.INSTANCE.reset();
    }

    @Test
    @Order(1)
    void aMessageAt2300GetsOneAutoReplyForTheNight() {
        String customer = "447700900801";
        post("wamid.h1", customer, TestClock.INSTANCE.instant(), "Hi, are you open on Sunday?");
        awaitSent(customer, 1);
        assertThat(graph.acceptedTo("+" + customer).get(0).text())
                .isEqualTo("Thanks for your message! We're closed right now and will reply from 09:00.");

        TestClock.INSTANCE.set(WEDNESDAY_2300.plus(Duration.ofMinutes(10)));
        post("wamid.h2", customer, TestClock.INSTANCE.instant(), "and do you have a vegan menu?");
        awaitStored("wamid.h2");
        assertSentStays(customer, 1);

        TestClock.INSTANCE.set(Instant.parse("2026-12-03T09:30:00Z")); // Thursday morning, open
        post("wamid.h3", customer, TestClock.INSTANCE.instant(), "hello?");
        awaitStored("wamid.h3");
        assertSentStays(customer, 1);

        TestClock.INSTANCE.set(Instant.parse("2026-12-03T19:00:00Z")); // Thursday evening: a new closed period
        post("wamid.h4", customer, TestClock.INSTANCE.instant(), "hello again");
        awaitSent(customer, 2);
    }

    @Test
    @Order(2)
    void onAFridayEveningTheReplySaysWhichDayWeOpen() {
        String customer = "34600900802";
        TestClock.INSTANCE.set(Instant.parse("2026-12-04T20:00:00Z")); // Friday 20:00; Saturday opens 10:00
        post("wamid.h5", customer, TestClock.INSTANCE.instant(), "Hola, quiero saber si tienen mesa");
        awaitSent(customer, 1);
        assertThat(graph.acceptedTo("+" + customer).get(0).text())
                .isEqualTo("¡Gracias por tu mensaje! Ahora estamos cerrados; te respondemos a partir de 10:00.");
    }

    @Test
    @Order(3)
    void aReminderScheduledBeforeARestartIsSentOnceAfterIt() {
        String customer = "447700900803";
        TestClock.INSTANCE.set(MONDAY_1000);
        post(
                "wamid.r1",
                customer,
                MONDAY_1000,
                "Hi, I'd like to book a table for 4 people on 9 December at 8pm, name is Ana Lima");
        String id = awaitRecord(customer);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> reminders(id, "scheduled").size() == 2);
        assertThat(reminders(id, "scheduled")).containsExactly("2026-12-08T20:00:00Z", "2026-12-09T18:00:00Z");

        app.close();
        TestClock.INSTANCE.set(Instant.parse("2026-12-08T20:00:05Z")); // the 24-hour reminder is due
        startApp();

        awaitSent(customer, 1);
        FakeGraphApi.Request reminder = graph.acceptedTo("+" + customer).get(0);
        assertThat(reminder.type()).isEqualTo("template"); // the customer last wrote a day and a half ago
        assertThat(reminder.templateName()).isEqualTo("booking_reminder");
        assertThat(reminder.templateParameters()).containsExactly(id, "9 Dec", "20:00");
        assertSentStays(customer, 1);
        assertThat(reminders(id, "sent")).containsExactly("2026-12-08T20:00:00Z");

        post("wamid.r2", customer, TestClock.INSTANCE.instant(), "1");
        await().atMost(Duration.ofSeconds(20)).until(() -> "confirmed".equals(status(id)));
        awaitSent(customer, 2);
        assertThat(graph.acceptedTo("+" + customer).get(1).text())
                .isEqualTo("Your booking " + id + " for 9 Dec, 4 guests, is confirmed. See you then!");
    }

    @Test
    @Order(4)
    void aCancelledBookingGetsNoReminder() {
        String customer = "447700900804";
        TestClock.INSTANCE.set(MONDAY_1000.plus(Duration.ofDays(7)));
        post(
                "wamid.x1",
                customer,
                TestClock.INSTANCE.instant(),
                "Hi, I'd like to book a table for 2 people on 16 December at 8pm, name is Bo Chan");
        String id = awaitRecord(customer);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> reminders(id, "scheduled").size() == 2);

        app.getBean(RecordService.class).applyChange(id, "admin", Map.of("status", "cancelled"), "test");
        assertThat(reminders(id, "scheduled")).isEmpty();

        TestClock.INSTANCE.set(Instant.parse("2026-12-15T20:00:05Z"));
        app.getBean(Reminders.class).fireDue();
        assertSentStays(customer, 0);
    }

    private static void startApp() {
        List<String> args = new ArrayList<>(List.of(graph.properties()));
        args.add("--chatbridge.automations.poll-millis=200");
        app = TestApplication.startWithClock(dataDir, List.of(), args.toArray(String[]::new));
        webhooks = new Webhooks(TestApplication.port(app));
        jdbc = app.getBean(JdbcClient.class);
    }

    private static List<String> reminders(String humanId, String state) {
        return jdbc.sql(
                        """
                        select to_char(m.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from reminder m
                        join record r on r.id = m.record_id where r.human_id = ? and m.state = ? order by m.due_at""")
                .params(humanId, state)
                .query(String.class)
                .list();
    }

    private static String status(String humanId) {
        return jdbc.sql("select status from record where human_id = ?")
                .param(humanId)
                .query(String.class)
                .single();
    }

    private static String awaitRecord(String customer) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql(
                                        "select count(*) from record where type = 'booking' and complete and customer_phone = ?")
                                .param("+" + customer)
                                .query(Long.class)
                                .single()
                        == 1);
        return jdbc.sql("select human_id from record where customer_phone = ?")
                .param("+" + customer)
                .query(String.class)
                .single();
    }

    private static void post(String wamid, String customer, Instant at, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, customer, "Ana", at.getEpochSecond(), text))
                        .statusCode())
                .isEqualTo(200);
    }

    private static void awaitStored(String wamid) {
        Stored.awaitMessage(jdbc, wamid);
    }

    private static void awaitSent(String customer, int count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> graph.acceptedTo("+" + customer).size() >= count);
        assertThat(graph.acceptedTo("+" + customer)).hasSize(count);
    }

    private static void assertSentStays(String customer, int count) {
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(6))
                .until(() -> graph.acceptedTo("+" + customer).size() == count);
    }

    static WhatsAppOutbox outbox() {
        return app.getBean(WhatsAppOutbox.class);
    }
}
