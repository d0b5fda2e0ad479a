package io.chatbridge.connector.hubspot;

import io.chatbridge.outbox.SinkException;
import java.time.Duration;

/** How a HubSpot failure is handed to the outbox: retried later, or to the dead letter. */
final class SinkExceptions {

    private SinkExceptions() {}

    static SinkException of(HubSpotApiException e) {
        if (e.kind() == HubSpotApiException.Kind.REFUSED) {
            return SinkException.permanentFailure("HubSpot refused the write: " + e.getMessage());
        }
        Duration after = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(10);
        // the daily limit is not an error of the record: it waits (retryable) until the reset
        return SinkException.transientFailure("HubSpot: " + e.getMessage(), after);
    }
}
