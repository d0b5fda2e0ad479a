package io.chatbridge.extract;

import java.time.Instant;

/**
 * One normalised message as extraction sees it.
 *
 * @param messageId the channel's message id (a wamid for WhatsApp)
 * @param fromBusiness true when the business wrote it (outbound, or the business side of an export)
 * @param authorName the sender's profile name, when the channel gives one
 * @param timestamp when it was sent, UTC
 * @param type the channel's message type ({@code text}, {@code image}, {@code location}, …)
 * @param text the text body, a media caption, or a button/list title; empty when there is none
 */
public record ChatMessage(
        String messageId, boolean fromBusiness, String authorName, Instant timestamp, String type, String text) {}
