package io.chatbridge.support.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatbridge.support.Webhooks;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers and records for console tests, made the real way: signed webhooks through the shipped mappings. */
public final class ConsoleFixtures {

    // Monday 2026-11-23 10:00 in London
    private static final long MONDAY = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond();

    private final ConsoleInstance instance;
    private final Webhooks webhooks;
    private final JdbcClient jdbc;

    public ConsoleFixtures(ConsoleInstance instance) {
        this.instance = instance;
        this.webhooks = new Webhooks(instance.port);
        this.jdbc = instance.bean(JdbcClient.class);
    }

    /**
     * A customer books a table for 8 over three messages; returns the booking's human id once it is
     * complete. {@code waId} is the customer's number without '+', e.g. {@code 447700900777}.
     */
    public String booking(String waId, String name) {
        post("wamid." + waId + ".1", waId, name, MONDAY, "Hi! I'd like to book a table for Saturday at 7pm");
        post("wamid." + waId + ".2", waId, name, MONDAY + 60, "we'll be 8 people");
        post("wamid." + waId + ".3", waId, name, MONDAY + 120, "name is " + name);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("select count(*) from record where complete and customer_phone = ?")
                                .param("+" + waId)
                                .query(Long.class)
                                .single()
                        == 1);
        return jdbc.sql("select human_id from record where customer_phone = ?")
                .param("+" + waId)
                .query(String.class)
                .single();
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    private void post(String wamid, String waId, String name, long epochSeconds, String text) {
        assertThat(webhooks.post(Webhooks.textMessage(wamid, waId, name, epochSeconds, text))
                        .statusCode())
                .isEqualTo(200);
    }
}
