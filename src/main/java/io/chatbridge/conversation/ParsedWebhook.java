package io.chatbridge.conversation;

import java.util.List;

/** Everything one webhook envelope carried, split by kind; unknown fields are only counted. */
public record ParsedWebhook(
        List<InboundMessage> messages,
        List<StatusUpdate> statuses,
        List<WebhookError> errors,
        List<String> otherFields) {}
