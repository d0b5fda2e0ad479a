package io.chatbridge.reconcile;

import io.chatbridge.reconcile.ReconciliationItem.Screenshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Screenshots of a transfer, as references to the customer's media (WhatsApp media id, mime type,
 * sha256, the message's id; no OCR): an image or document without a caption that the customer sent
 * within {@code screenshot-window} before or after the message that made the claim, in the same
 * conversation, goes with the nearest claim there. An image whose caption made the claim goes with it.
 * Worked out when read, from the stored messages: a screenshot sent before the claim (nothing to
 * attach it to yet) simply waits in the conversation and is found once the claim exists.
 */
@Repository
class ClaimScreenshots {

    private final JdbcClient jdbc;
    private final PaymentsProperties properties;

    ClaimScreenshots(JdbcClient jdbc, PaymentsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The screenshots of each claim asked for (by its record's human id); claims without any are absent. */
    Map<String, List<Screenshot>> of(Collection<String> claimIds) {
        Map<String, List<Screenshot>> found = new HashMap<>();
        if (claimIds.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        """
                        with claims as (
                            select r.human_id, r.conversation_id, r.anchor_message_id, a.sent_at as at
                            from record r join message a on a.external_id = r.anchor_message_id
                                and a.conversation_id = r.conversation_id
                            where r.type = ? and r.conversation_id in
                                (select conversation_id from record where human_id = any(?))
                        )
                        select * from (
                            select distinct on (m.id) c.human_id, m.external_id, m.media ->> 'id' as media_id,
                                m.media ->> 'mime_type' as mime_type, m.media ->> 'sha256' as sha256, m.sent_at
                            from message m join claims c on c.conversation_id = m.conversation_id
                            where m.direction = 'in' and m.type in ('image', 'document')
                              and (coalesce(m.text, '') = '' or m.external_id = c.anchor_message_id)
                              and m.sent_at between c.at - ? * interval '1 second' and c.at + ? * interval '1 second'
                            order by m.id, abs(extract(epoch from m.sent_at - c.at)), c.at
                        ) nearest where human_id = any(?) order by sent_at""")
                .params(
                        ClaimStore.PAYMENT_TYPE,
                        claimIds.toArray(String[]::new),
                        properties.screenshotWindow().toSeconds(),
                        properties.screenshotWindow().toSeconds(),
                        claimIds.toArray(String[]::new))
                .query(rs -> {
                    found.computeIfAbsent(rs.getString("human_id"), k -> new ArrayList<>())
                            .add(new Screenshot(
                                    rs.getString("external_id"),
                                    rs.getString("media_id"),
                                    rs.getString("mime_type"),
                                    rs.getString("sha256"),
                                    rs.getTimestamp("sent_at").toInstant()));
                });
        return found;
    }
}
