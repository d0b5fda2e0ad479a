package io.chatbridge.web;

import io.chatbridge.connector.hubspot.HubSpotStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/hubspot/status} for admins (HTTP Basic, like the rest of {@code /api}). */
@RestController
class HubSpotController {

    private final HubSpotStatus status;

    HubSpotController(HubSpotStatus status) {
        this.status = status;
    }

    @GetMapping("/api/hubspot/status")
    HubSpotStatus.Status status() {
        return status.status();
    }
}
