package io.chatbridge.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark baseline, not a feature: the ceiling that {@code bench/run-webhook-bench.sh} compares the
 * real webhook against. It reads the body and answers 200 without checking a signature or touching the
 * database, so the same load run against it measures what Tomcat, Spring MVC and the security filter
 * chain cost on this machine; the gap to {@code /webhooks/whatsapp} is what verification and the
 * durable commit cost.
 *
 * <p>It exists only in the {@code bench-ceiling} profile, and lives under {@code /webhooks/} because
 * that prefix is the only public one (the security configuration refuses unknown paths).
 */
@RestController
@Profile("bench-ceiling")
class NoopWebhookController {

    @PostMapping("/webhooks/bench-noop")
    ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
        request.getInputStream().readAllBytes();
        return ResponseEntity.ok().build();
    }
}
