package io.chatbridge.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records what the business sent as {@code message} rows with direction {@code out}, keyed by the
 * wamid, so webhook statuses update them like any outbound message and extraction sees them as the
 * business's side of the conversation (a follow-up question gives the customer's short answer its
 * meaning). They are stored as already extracted: our own words never start a record.
 */
@Service
public class SentMessages {

    private final JdbcClient jdbc;

    SentMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the conversation first: callers record the message before touching anything else, so they
     * take locks in the order the normaliser and extraction do.
     *
     * @param sender what sent it ({@code confirmation}, {@code autoreply}, …)
     * @param payloadJson the request body as sent
     */
    public void record(
            String phoneNumberId,
            String customerWaId,
            String wamid,
            String sender,
            String type,
            String text,
            String payloadJson,
            Instant sentAt) {
        String conversationId = phoneNumberId + ":" + customerWaId;
        jdbc.sql(
                        """
                        insert into conversation (id, channel, phone_number_id, customer_wa_id)
                        values (?, ?, ?, ?) on conflict (id) do nothing""")
                .params(conversationId, MessageStore.WHATSAPP, phoneNumberId, customerWaId)
                .update();
        // locked before anything else the caller's transaction touches (see OutboundSender.accepted)
        jdbc.sql("select id from conversation where id = ? for no key update")
                .param(conversationId)
                .query(String.class)
                .single();
        jdbc.sql(
                        """
                        insert into message (channel, external_id, conversation_id, direction, sender, type, text,
                            sent_at, payload, extracted, delivery_state)
                        values (?, ?, ?, 'out', ?, ?, ?, ?, ?::jsonb, true,
                            (select status from message_status where message_external_id = ?
                             order by array_position(array['sent','delivered','read','played','failed'], status) desc
                             limit 1))
                        on conflict (channel, external_id) do nothing""")
                .params(
                        MessageStore.WHATSAPP,
                        wamid,
                        conversationId,
                        sender,
                        type,
                        text,
                        Timestamp.from(sentAt),
                        payloadJson,
                        wamid)
                .update();
    }
}
