package io.chatbridge.connector.whatsapp;

import java.util.Optional;

/**
 * Asked just before a queued message goes out whether it is still wanted: a follow-up question whose
 * answer arrived meanwhile, a reminder for a booking cancelled since, is skipped rather than sent.
 * Automations provide implementations; the sender knows nothing about records.
 */
public interface SendGuard {

    /** A reason to skip the message, or empty to send it. */
    Optional<String> skipReason(String purpose, Long recordId, String detail);
}
