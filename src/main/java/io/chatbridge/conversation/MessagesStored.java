package io.chatbridge.conversation;

import java.util.List;

/**
 * Published inside the normaliser's transaction after a webhook's messages and statuses were stored,
 * so listeners (auto-replies, reminder answers, outbound message states) write in the same
 * transaction. Carries only messages seen for the first time; a retried webhook brings none.
 *
 * @param messages customers' messages stored for the first time
 * @param statuses sent/delivered/read/failed receipts for our outbound messages (may repeat)
 */
public record MessagesStored(List<InboundMessage> messages, List<StatusUpdate> statuses) {

    public MessagesStored {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }
}
