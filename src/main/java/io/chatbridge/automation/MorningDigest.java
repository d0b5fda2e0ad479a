package io.chatbridge.automation;

import io.chatbridge.automation.DigestText.RecordLine;
import io.chatbridge.automation.DigestText.Unanswered;
import io.chatbridge.connector.whatsapp.OutboundRequest;
import io.chatbridge.connector.whatsapp.TemplateMessage;
import io.chatbridge.connector.whatsapp.WhatsAppOutbox;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each business number's owner a morning digest at the time {@code business.yaml} sets: new
 * and changed records by type since the last digest, incomplete records, and customers' messages
 * nobody has answered (the ones that arrived while closed wait here). One per number and day: the
 * {@code digest_run} row and the message commit together. Called by the {@code morning-digest} route.
 */
@Component("morningDigest")
public class MorningDigest {

    static final String PURPOSE = "digest";
    static final Duration LATE = Duration.ofHours(4);

    private final Customers customers;
    private final WhatsAppOutbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MorningDigest(
            Customers customers, WhatsAppOutbox outbox, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Sends the digests that are due now; returns how many were queued. */
    public int runDue() {
        MappingSet mappings = customers.mappings();
        Instant now = clock.instant();
        int sent = 0;
        for (Map.Entry<String, String> number : numbers(mappings).entrySet()) {
            BusinessProfile business = mappings.business(number.getValue());
            ZonedDateTime local = now.atZone(business.zone());
            if (business.digest() == null
                    || business.ownerNumber() == null
                    || !due(local, business.digest().at())) {
                continue;
            }
            Boolean queued = transaction.execute(s -> digest(number.getKey(), business, local.toLocalDate(), now));
            sent += Boolean.TRUE.equals(queued) ? 1 : 0;
        }
        return sent;
    }

    /**
     * From the set time until {@link #LATE} after it: an instance that was down at 08:00 still sends at
     * 09:30, but one first started at 15:00 does not send a "morning" digest; the next one covers the gap.
     */
    private static boolean due(ZonedDateTime local, java.time.LocalTime at) {
        return !local.toLocalTime().isBefore(at) && local.toLocalTime().isBefore(at.plus(LATE));
    }

    /** phone_number_id → the business entry that configures it ({@code default} for numbers not listed). */
    private Map<String, String> numbers(MappingSet mappings) {
        Map<String, String> numbers = new java.util.TreeMap<>();
        jdbc.sql("select distinct phone_number_id from conversation")
                .query(String.class)
                .list()
                .forEach(id ->
                        numbers.put(id, mappings.businesses().containsKey(id) ? id : MappingSet.DEFAULT_BUSINESS));
        mappings.businesses().keySet().stream()
                .filter(id -> !id.equals(MappingSet.DEFAULT_BUSINESS))
                .forEach(id -> numbers.put(id, id));
        return numbers;
    }

    private boolean digest(String phoneNumberId, BusinessProfile business, LocalDate day, Instant now) {
        Instant from = jdbc.sql(
                        """
                        select covered_to from digest_run where phone_number_id = ? order by covered_to desc limit 1""")
                .param(phoneNumberId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(now.minus(Duration.ofHours(24)));
        boolean first = jdbc.sql(
                                """
                        insert into digest_run (phone_number_id, digest_date, covered_from, covered_to)
                        values (?, ?, ?, ?) on conflict do nothing""")
                        .params(phoneNumberId, day, Timestamp.from(from), Timestamp.from(now))
                        .update()
                > 0;
        if (!first) {
            return false;
        }
        String text = DigestText.write(
                business.name(),
                from.atZone(business.zone()),
                now.atZone(business.zone()),
                records(phoneNumberId, "created_at > ? and created_at <= ?", from, now, false),
                records(phoneNumberId, "updated_at > ? and updated_at <= ? and created_at <= ?", from, now, true),
                incomplete(phoneNumberId),
                unanswered(phoneNumberId, business, from, now));
        String owner = business.ownerNumber();
        String key = PURPOSE + ":" + phoneNumberId + ":" + day;
        TemplateMessage template = business.digest().template() == null
                ? null
                : new TemplateMessage(
                        business.digest().template(), business.digest().language(), List.of(text));
        outbox.enqueue(new OutboundRequest(
                key,
                PURPOSE,
                phoneNumberId,
                owner,
                phoneNumberId + ":" + owner.substring(1),
                null,
                day.toString(),
                business.defaultLanguage(),
                text,
                template,
                null));
        outbox.findByKey(key).ifPresent(m -> jdbc.sql(
                        "update digest_run set outbound_id = ? where phone_number_id = ? and digest_date = ?")
                .params(m.id(), phoneNumberId, day)
                .update());
        return true;
    }

    private List<RecordLine> records(String phoneNumberId, String period, Instant from, Instant to, boolean existing) {
        List<Object> params = new ArrayList<>(List.of(phoneNumberId + ":%", Timestamp.from(from), Timestamp.from(to)));
        if (existing) {
            params.add(Timestamp.from(from));
        }
        return jdbc.sql("select type, human_id, missing from record where conversation_id like ? and " + period
                        + " order by type, human_id")
                .params(params)
                .query(this::recordLine)
                .list();
    }

    private List<RecordLine> incomplete(String phoneNumberId) {
        return jdbc.sql(
                        """
                        select type, human_id, missing from record
                        where conversation_id like ? and not complete and status <> 'cancelled'
                        order by updated_at desc, human_id limit 50""")
                .param(phoneNumberId + ":%")
                .query(this::recordLine)
                .list();
    }

    /**
     * Customers' messages in the period with no reply after them (an auto-reply is not an answer) and
     * that did not become a record (those are listed above already).
     */
    private List<Unanswered> unanswered(String phoneNumberId, BusinessProfile business, Instant from, Instant to) {
        String owner =
                business.ownerNumber() == null ? "" : business.ownerNumber().substring(1);
        return jdbc.sql(
                        """
                        select c.customer_name, c.customer_wa_id, count(*) as n,
                            (array_agg(m.text order by m.sent_at desc))[1] as last_text, max(m.sent_at) as last_at
                        from message m join conversation c on c.id = m.conversation_id
                        where c.phone_number_id = ? and c.customer_wa_id <> ? and m.direction = 'in'
                          and m.sent_at > ? and m.sent_at <= ?
                          and not exists (select 1 from message o where o.conversation_id = m.conversation_id
                              and o.direction = 'out' and coalesce(o.sender, '') <> 'autoreply' and o.sent_at > m.sent_at)
                          and not exists (select 1 from record r where r.conversation_id = m.conversation_id
                              and r.updated_at >= m.sent_at)
                        group by c.customer_name, c.customer_wa_id order by max(m.sent_at)""")
                .params(phoneNumberId, owner, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new Unanswered(
                        rs.getString("customer_name"),
                        "+" + rs.getString("customer_wa_id"),
                        rs.getInt("n"),
                        rs.getString("last_text")))
                .list();
    }

    private RecordLine recordLine(ResultSet rs, int n) throws SQLException {
        List<String> missing = new ArrayList<>();
        String json = rs.getString("missing");
        if (json != null) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(json);
            while (m.find()) {
                missing.add(m.group(1));
            }
        }
        return new RecordLine(rs.getString("type"), rs.getString("human_id"), missing);
    }
}
