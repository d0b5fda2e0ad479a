package io.chatbridge.automation;

import io.chatbridge.record.RecordChanged;
import java.time.Clock;
import java.time.Duration;

/**
 * Imported history whose conversation went quiet before WhatsApp's 24-hour customer-service window:
 * nobody waits for a confirmation, a question or a reminder about it, so the automations pass over it
 * before any query (an import of years of chats changes tens of thousands of records). Live changes
 * carry no history time and are never quiet history.
 */
final class QuietHistory {

    static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private QuietHistory() {}

    static boolean of(RecordChanged change, Clock clock) {
        return change.historicBefore(clock.instant().minus(SERVICE_WINDOW));
    }
}
