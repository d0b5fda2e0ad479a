package io.chatbridge.conversation;

import com.fasterxml.jackson.databind.JsonNode;

/** A value-level {@code errors[]} entry of a webhook (e.g. 130429 rate limit hit). */
public record WebhookError(String phoneNumberId, int code, String title, JsonNode payload) {}
