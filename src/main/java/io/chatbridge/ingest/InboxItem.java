package io.chatbridge.ingest;

/**
 * One id carried by an inbound payload: a message ({@code wamid…}) or a status ({@code wamid…:read}).
 * Unique per channel, so a retried or differently batched webhook (or a re-imported chat export) is
 * recognised.
 */
public record InboxItem(String externalId, String kind) {

    public static InboxItem message(String id) {
        return new InboxItem(id, "message");
    }

    static InboxItem status(String id, String status) {
        return new InboxItem(id + ":" + status, "status");
    }
}
