package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.support.HostileWebhooks;
import java.io.IOException;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The webhook parser over the hostile corpus (issue 11, drill 6): it either refuses bytes that are not
 * JSON with an {@link IOException} (the edge answers 400 and quarantines them), or reads every message
 * it can, always the canary among them, with times PostgreSQL can store and texts it accepts.
 */
class WhatsAppPayloadParserFuzzTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T06:00:00Z");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final WhatsAppPayloadParser parser = new WhatsAppPayloadParser(new ObjectMapper());

    @Property(tries = 500)
    void parsesOrRefusesAndNeverLosesTheCanary(@ForAll long seed) {
        HostileWebhooks.Body body = new HostileWebhooks(seed).next();
        ParsedWebhook parsed;
        try {
            parsed = parser.parse(body.bytes(), RECEIVED);
        } catch (IOException refused) {
            assertThat(body.wellFormed())
                    .as("a well-formed envelope was refused: " + body.kind())
                    .isFalse();
            return;
        }
        if (body.wellFormed()) {
            assertThat(parsed.messages()).as(body.kind()).anySatisfy(m -> {
                assertThat(m.externalId()).isEqualTo(body.canaryId());
                assertThat(m.text()).isEqualTo("canary");
            });
        }
        for (InboundMessage message : parsed.messages()) {
            assertThat(message.sentAt()).as(body.kind()).isBetween(EARLIEST, LATEST);
            assertThat(message.text()).as(body.kind()).doesNotContain("\u0000");
            assertThat(message.externalId()).as(body.kind()).doesNotContain("\u0000");
            assertThat(message.customerWaId()).as(body.kind()).doesNotContain("\u0000");
        }
        for (StatusUpdate status : parsed.statuses()) {
            assertThat(status.occurredAt()).as(body.kind()).isBetween(EARLIEST, LATEST);
        }
    }
}
