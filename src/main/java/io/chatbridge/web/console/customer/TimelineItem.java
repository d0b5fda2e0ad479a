package io.chatbridge.web.console.customer;

import java.time.Instant;

/**
 * One line of a customer's timeline: a message in or out, or a record made from the conversation.
 *
 * @param who the customer's profile name (in), chatbridge's automation or the staff member (out), the
 *     HubSpot owner and admins who edited it (record)
 * @param business the business number of the conversation (messages)
 * @param state delivery state (out) or record status
 * @param recordId the record's human id (records)
 */
public record TimelineItem(
        Kind kind, Instant at, String text, String who, String business, String state, String recordId) {

    /** What the line is. */
    public enum Kind {
        IN,
        OUT,
        RECORD;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
