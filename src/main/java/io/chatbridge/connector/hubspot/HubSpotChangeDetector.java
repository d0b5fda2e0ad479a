package io.chatbridge.connector.hubspot;

import io.chatbridge.record.ChangeOutcome;
import io.chatbridge.record.RecordNotFoundException;
import io.chatbridge.record.RecordService;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what staff change in HubSpot into record changes with origin {@code hubspot}: a deal's stage
 * (the record's status, through the mapping's stages), its owner, its mapped properties, and a
 * contact's mapped properties. Field ownership is enforced by {@link RecordService}. A value chatbridge
 * wrote itself is recognised (the deal's last written values) and not applied again, so nothing echoes.
 */
@Component("hubSpotChangeDetector")
class HubSpotChangeDetector {

    /** One property change, from a webhook event or the poller. */
    record DealChange(String dealId, String property, String value, String cause) {}

    private static final Logger log = LoggerFactory.getLogger(HubSpotChangeDetector.class);
    private static final int MAX_EVENTS_PER_RUN = 500;

    private final HubSpotEventStore events;
    private final HubSpotStore store;
    private final HubSpotBindings bindings;
    private final RecordService records;
    private final TransactionTemplate transaction;

    HubSpotChangeDetector(
            HubSpotEventStore events,
            HubSpotStore store,
            HubSpotBindings bindings,
            RecordService records,
            TransactionTemplate transaction) {
        this.events = events;
        this.store = store;
        this.bindings = bindings;
        this.records = records;
        this.transaction = transaction;
    }

    /** Applies stored webhook events, oldest first, each in its own transaction; returns how many. */
    public int processEvents() {
        int done = 0;
        while (done < MAX_EVENTS_PER_RUN && processOne()) {
            done++;
        }
        return done;
    }

    /**
     * Claims, applies and marks one event in one transaction. A failure rolls that back (the record is
     * untouched) and is noted on the event in a transaction of its own; it is tried again later, up to
     * {@link HubSpotEventStore#MAX_ATTEMPTS} times.
     */
    private boolean processOne() {
        long[] claimed = {-1};
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                Optional<HubSpotEventStore.Event> next = events.claimNext();
                if (next.isEmpty()) {
                    return false;
                }
                claimed[0] = next.get().eventId();
                String outcome = apply(next.get());
                events.finish(claimed[0], outcome.contains("applied:") ? "applied" : "ignored", outcome);
                return true;
            }));
        } catch (RuntimeException e) {
            if (claimed[0] < 0) {
                throw e;
            }
            log.warn("HubSpot event {} failed: {}", claimed[0], e.toString());
            transaction.executeWithoutResult(status -> events.finish(claimed[0], "failed", e.toString()));
            return true;
        }
    }

    private String apply(HubSpotEventStore.Event event) {
        String cause = "hubspot:event:" + event.eventId();
        return switch (event.subscriptionType()) {
            case "deal.propertyChange" ->
                applyDeal(new DealChange(event.objectId(), event.propertyName(), event.propertyValue(), cause));
            case "contact.propertyChange" ->
                applyContact(event.objectId(), event.propertyName(), event.propertyValue(), cause);
            default -> "ignored: " + event.subscriptionType() + " is not read";
        };
    }

    /** Applies one deal property change in its own transaction (the poller's way in); says what happened. */
    String applyDealChange(DealChange change) {
        return transaction.execute(status -> applyDeal(change));
    }

    /** Applies one deal property change; says what happened. */
    String applyDeal(DealChange change) {
        Optional<HubSpotStore.Deal> deal = store.dealByHubSpotId(change.dealId());
        if (deal.isEmpty()) {
            return "ignored: deal " + change.dealId() + " is not one of ours";
        }
        HubSpotStore.Deal d = deal.get();
        if (Objects.equals(d.written().get(change.property()), change.value())) {
            return "ignored: our own write";
        }
        Optional<HubSpotBinding> binding = store.typeOf(d.recordId()).flatMap(bindings::forType);
        if (binding.isEmpty()) {
            return "ignored: record type not bound to HubSpot";
        }
        Optional<Map.Entry<String, Object>> field = fieldOf(binding.get(), change.property(), change.value());
        if (field.isEmpty()) {
            return "ignored: " + change.property() + " is not mapped"
                    + ("dealstage".equals(change.property()) ? " (stage " + change.value() + " has no status)" : "");
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put(field.get().getKey(), field.get().getValue());
        ChangeOutcome outcome = records.applyChange(d.humanId(), "hubspot", changes, change.cause());
        store.remember(d.recordId(), change.property(), change.value());
        return describe(d.humanId(), outcome);
    }

    private static Optional<Map.Entry<String, Object>> fieldOf(HubSpotBinding binding, String property, String value) {
        if ("dealstage".equals(property)) {
            return binding.statusOf(value).map(status -> Map.entry(RecordService.STATUS_FIELD, status));
        }
        if ("hubspot_owner_id".equals(property)) {
            return Optional.of(Map.entry(binding.ownerField(), value == null ? "" : value));
        }
        String field = binding.dealProperties().get(property);
        return field == null ? Optional.empty() : Optional.of(Map.entry(field, value == null ? "" : value));
    }

    private String applyContact(String contactId, String property, String value, String cause) {
        StringBuilder outcome = new StringBuilder();
        for (HubSpotStore.Deal deal : store.dealsOfContact(contactId)) {
            Optional<String> field = store.typeOf(deal.recordId())
                    .flatMap(bindings::forType)
                    .map(b -> b.contactProperties().get(property));
            if (field.isEmpty()) {
                continue;
            }
            try {
                Map<String, Object> changes = new HashMap<>();
                changes.put(field.get(), value == null ? "" : value);
                outcome.append(describe(deal.humanId(), records.applyChange(deal.humanId(), "hubspot", changes, cause)))
                        .append("; ");
            } catch (RecordNotFoundException e) {
                outcome.append(deal.humanId()).append(" gone; ");
            }
        }
        return outcome.isEmpty()
                ? "ignored: contact " + contactId + " has no record with property " + property + " mapped"
                : outcome.toString();
    }

    private static String describe(String humanId, ChangeOutcome outcome) {
        if (!outcome.applied().isEmpty()) {
            return "applied: " + humanId + " " + outcome.applied();
        }
        return outcome.conflicts().isEmpty()
                ? "ignored: " + humanId + " already had the value"
                : "ignored: " + humanId + " conflict on " + outcome.conflicts() + " (not owned by hubspot)";
    }
}
