package io.chatbridge.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The fallback for accounts that cannot register webhooks: searches deals carrying a chatbridge record
 * id modified since the last poll ({@code hs_lastmodifieddate}, oldest first) and hands every property
 * that differs from what chatbridge last wrote to {@link HubSpotChangeDetector}, like a webhook event.
 * The cursor is kept in {@code hubspot_state}; the first poll starts from now rather than replaying
 * the account's history.
 */
@Component("hubSpotPoller")
class HubSpotPoller {

    static final String CURSOR = "poll-cursor";
    private static final Logger log = LoggerFactory.getLogger(HubSpotPoller.class);
    private static final int MAX_PAGES = 20;

    private final HubSpotProperties properties;
    private final HubSpotConnection connection;
    private final HubSpotStore store;
    private final HubSpotBindings bindings;
    private final HubSpotChangeDetector detector;
    private final Clock clock;

    HubSpotPoller(
            HubSpotProperties properties,
            HubSpotConnection connection,
            HubSpotStore store,
            HubSpotBindings bindings,
            HubSpotChangeDetector detector,
            Clock clock) {
        this.properties = properties;
        this.connection = connection;
        this.store = store;
        this.bindings = bindings;
        this.detector = detector;
        this.clock = clock;
    }

    /** Reads deals changed since the last poll; returns how many property changes were handed on. */
    public int poll() throws HubSpotApiException {
        if (!properties.enabled() || !properties.poll() || bindings.all().isEmpty()) {
            return 0;
        }
        Optional<String> stored = store.state(CURSOR);
        if (stored.isEmpty()) {
            store.putState(CURSOR, String.valueOf(clock.millis()));
            return 0;
        }
        long cursor = Long.parseLong(stored.get());
        int changes = 0;
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            HubSpotClient.SearchPage found = connection
                    .client()
                    .modifiedSince("deals", HubSpotBinding.RECORD_ID_PROPERTY, cursor, propertyNames(), after);
            for (JsonNode deal : found.results()) {
                changes += changesOf(deal);
                cursor = Math.max(cursor, modifiedAt(deal));
            }
            after = found.after();
            if (after == null) {
                break;
            }
        }
        store.putState(CURSOR, String.valueOf(cursor));
        return changes;
    }

    private int changesOf(JsonNode deal) {
        String dealId = deal.path("id").asText();
        Optional<HubSpotStore.Deal> known = store.dealByHubSpotId(dealId);
        if (known.isEmpty()) {
            return 0;
        }
        int changes = 0;
        JsonNode values = deal.path("properties");
        for (Map.Entry<String, String> written : known.get().written().entrySet()) {
            JsonNode now = values.get(written.getKey());
            if (now == null || now.isNull() || Objects.equals(now.asText(), written.getValue())) {
                continue;
            }
            String outcome = detector.applyDealChange(
                    new HubSpotChangeDetector.DealChange(dealId, written.getKey(), now.asText(), "hubspot:poll"));
            log.debug("Polled change of deal {} {}: {}", dealId, written.getKey(), outcome);
            changes++;
        }
        return changes;
    }

    private java.util.List<String> propertyNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        bindings.all().forEach(b -> names.addAll(b.dealPropertyNames()));
        names.add("hs_lastmodifieddate");
        return java.util.List.copyOf(names);
    }

    private static long modifiedAt(JsonNode deal) {
        String text = deal.path("properties").path("hs_lastmodifieddate").asText(null);
        if (text == null) {
            return 0;
        }
        try {
            return text.chars().allMatch(Character::isDigit)
                    ? Long.parseLong(text)
                    : java.time.Instant.parse(text).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
