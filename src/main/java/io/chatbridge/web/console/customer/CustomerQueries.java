package io.chatbridge.web.console.customer;

import static io.chatbridge.common.Columns.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer as the console sees one: a WhatsApp id with every conversation it has with any of the
 * business's numbers, and one timeline of their messages and records, with who handled each.
 */
public class CustomerQueries {

    /** How many messages one timeline page shows; older ones are a link away. */
    public static final int TIMELINE_MESSAGES = 200;

    private static final int MAX_RECORDS = 200;

    private final JdbcClient jdbc;

    public CustomerQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The WhatsApp id a record's customer page is keyed by: the customer part of its conversation, else
     * its phone without '+'; null for a record with neither (typed into a sheet by hand).
     */
    public static String customerIdOf(String conversationId, String customerPhone) {
        if (conversationId != null && conversationId.contains(":")) {
            return conversationId.substring(conversationId.lastIndexOf(':') + 1);
        }
        return customerPhone != null && customerPhone.startsWith("+") ? customerPhone.substring(1) : null;
    }

    /** Customers whose number is one of {@code phones} (E.164) or whose profile name contains {@code namePattern}. */
    public List<CustomerHit> find(List<String> phones, String namePattern, int limit) {
        String[] waIds =
                phones.stream().map(p -> p.startsWith("+") ? p.substring(1) : p).toArray(String[]::new);
        return jdbc.sql(
                        """
                        select customer_wa_id, max(customer_name) as name, count(*) as conversations,
                               max(last_message_at) as last_message_at
                        from conversation
                        where customer_wa_id = any(?) or lower(customer_name) like ? escape '\\'
                        group by customer_wa_id order by max(last_message_at) desc nulls last limit ?""")
                .params(waIds, namePattern == null ? "" : namePattern, limit)
                .query((rs, n) -> new CustomerHit(
                        rs.getString("customer_wa_id"),
                        rs.getString("name"),
                        rs.getInt("conversations"),
                        instant(rs.getTimestamp("last_message_at"))))
                .list();
    }

    public List<Conversation> conversations(String waId) {
        return jdbc.sql(
                        """
                        select id, display_phone_number, phone_number_id, customer_name, created_at, last_message_at,
                               (select count(*) from message m where m.conversation_id = c.id) as messages
                        from conversation c where customer_wa_id = ? order by last_message_at desc nulls last""")
                .param(waId)
                .query((rs, n) -> new Conversation(
                        rs.getString("id"),
                        Optional.ofNullable(rs.getString("display_phone_number"))
                                .orElse(rs.getString("phone_number_id")),
                        rs.getString("customer_name"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_message_at")),
                        rs.getLong("messages")))
                .list();
    }

    /**
     * The customer's messages (the newest {@link #TIMELINE_MESSAGES} before {@code before}, or the newest
     * of all) and the records made in that span, oldest first, with who handled each.
     */
    public Timeline timeline(String waId, Instant before) {
        List<TimelineItem> messages = messages(waId, before);
        Instant since = messages.isEmpty()
                ? Instant.EPOCH
                : messages.get(messages.size() - 1).at();
        boolean older = messages.size() == TIMELINE_MESSAGES;
        List<TimelineItem> items = new ArrayList<>(messages);
        for (TimelineItem record : records(waId)) {
            boolean inSpan = (!older || !record.at().isBefore(since))
                    && (before == null || record.at().isBefore(before));
            if (inSpan) {
                items.add(record);
            }
        }
        items.sort(Comparator.comparing(TimelineItem::at));
        return new Timeline(items, older ? since : null);
    }

    private List<TimelineItem> messages(String waId, Instant before) {
        return jdbc.sql(
                        """
                        select m.direction, m.type, m.text, m.sent_at, m.sender_name, m.delivery_state,
                               c.display_phone_number, o.purpose
                        from message m
                        join conversation c on c.id = m.conversation_id
                        left join outbound_message o on m.direction = 'out' and o.wamid = m.external_id
                        where c.customer_wa_id = ? and (cast(? as timestamptz) is null or m.sent_at < ?)
                        order by m.sent_at desc, m.id desc limit ?""")
                .params(waId, ts(before), ts(before), TIMELINE_MESSAGES)
                .query(CustomerQueries::message)
                .list();
    }

    private static TimelineItem message(ResultSet rs, int n) throws SQLException {
        boolean out = "out".equals(rs.getString("direction"));
        String text = rs.getString("text");
        String who =
                out ? handlerOf(rs.getString("purpose"), rs.getString("sender_name")) : rs.getString("sender_name");
        return new TimelineItem(
                out ? TimelineItem.Kind.OUT : TimelineItem.Kind.IN,
                instant(rs.getTimestamp("sent_at")),
                text == null ? "[" + rs.getString("type") + "]" : text,
                who,
                rs.getString("display_phone_number"),
                out ? rs.getString("delivery_state") : null,
                null);
    }

    /** An outbound message was sent by chatbridge (an automation's purpose) or by staff in the WhatsApp app. */
    static String handlerOf(String purpose, String senderName) {
        if (purpose != null) {
            return "chatbridge (" + purpose + ")";
        }
        return senderName != null ? senderName : "staff";
    }

    private List<TimelineItem> records(String waId) {
        return jdbc.sql(
                        """
                        select r.human_id, r.type, r.status, r.created_at, h.owner_id,
                               (select string_agg(distinct a.username, ', ') from audit_log a
                                where a.target = r.human_id and a.action = 'field-edit') as editors
                        from record r
                        left join hubspot_assignment h on h.record_id = r.id
                        where r.conversation_id in (select id from conversation where customer_wa_id = ?)
                           or r.customer_phone = ?
                        order by r.created_at desc limit ?""")
                .params(waId, "+" + waId, MAX_RECORDS)
                .query((rs, n) -> new TimelineItem(
                        TimelineItem.Kind.RECORD,
                        instant(rs.getTimestamp("created_at")),
                        rs.getString("type") + " " + rs.getString("human_id") + " (" + rs.getString("status") + ")",
                        handlers(rs.getString("owner_id"), rs.getString("editors")),
                        null,
                        rs.getString("status"),
                        rs.getString("human_id")))
                .list();
    }

    private static String handlers(String hubspotOwner, String editors) {
        List<String> who = new ArrayList<>();
        if (hubspotOwner != null) {
            who.add("HubSpot owner " + hubspotOwner);
        }
        if (editors != null) {
            who.add("edited by " + editors);
        }
        return who.isEmpty() ? null : String.join("; ", who);
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    /** A customer found by phone or name. */
    public record CustomerHit(String waId, String name, int conversations, Instant lastMessageAt) {}

    /** One conversation of the customer with one business number. */
    public record Conversation(
            String id,
            String businessNumber,
            String profileName,
            Instant createdAt,
            Instant lastMessageAt,
            long messages) {}

    /** The timeline, oldest first; {@code olderBefore} is where the next (older) page starts, null at the start. */
    public record Timeline(List<TimelineItem> items, Instant olderBefore) {}
}
