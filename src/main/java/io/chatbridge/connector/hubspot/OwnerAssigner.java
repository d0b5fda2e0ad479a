package io.chatbridge.connector.hubspot;

import io.chatbridge.record.RecordNotFoundException;
import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every deal an owner, once: the owner already on the record (assigned before, or changed in
 * HubSpot) wins; otherwise the mapping's {@link OwnerRule} picks one, the pick is stored
 * ({@code hubspot_assignment}) and then kept on the record's owner field with origin {@code hubspot}.
 */
class OwnerAssigner {

    private static final Logger log = LoggerFactory.getLogger(OwnerAssigner.class);
    private static final Duration TEXT_WINDOW = Duration.ofHours(48);

    private final HubSpotStore store;
    private final HubSpotClient client;
    private final OwnerDirectory directory;
    private final RecordService records;
    private final Clock clock;
    private final java.time.ZoneId zone;

    OwnerAssigner(
            HubSpotStore store,
            HubSpotClient client,
            OwnerDirectory directory,
            RecordService records,
            Clock clock,
            java.time.ZoneId zone) {
        this.store = store;
        this.client = client;
        this.directory = directory;
        this.records = records;
        this.clock = clock;
        this.zone = zone;
    }

    Map<Long, String> assign(HubSpotBinding binding, List<RecordSnapshot> batch, HubSpotWriter.Failures failures) {
        Map<Long, String> owners = new HashMap<>();
        for (RecordSnapshot r : batch) {
            Object onRecord = r.fields().get(binding.ownerField());
            if (onRecord != null && !onRecord.toString().isBlank()) {
                owners.put(r.id(), onRecord.toString());
                continue;
            }
            Optional<String> stored = store.assignment(r.id());
            if (stored.isPresent()) {
                owners.put(r.id(), stored.get());
            } else if (!binding.owners().isEmpty()) {
                pick(binding, r, failures).ifPresent(id -> owners.put(r.id(), id));
            }
        }
        return owners;
    }

    private Optional<String> pick(HubSpotBinding binding, RecordSnapshot r, HubSpotWriter.Failures failures) {
        String number = r.conversationId() == null
                ? null
                : store.businessNumber(r.conversationId()).orElse(null);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Optional<OwnerRule.Pick> pick =
                binding.owners().pick(text(r), number, today, () -> store.nextTurn(binding.type()));
        if (pick.isEmpty()) {
            log.warn("No owner available for {} (everyone in the rule is away)", r.humanId());
            return Optional.empty();
        }
        try {
            Optional<String> id = directory.idOf(pick.get().owner(), client);
            if (id.isEmpty()) {
                log.warn(
                        "Owner '{}' of the mapping is not a HubSpot owner; {} stays unassigned",
                        pick.get().owner(),
                        r.humanId());
                return Optional.empty();
            }
            store.saveAssignment(r.id(), id.get(), pick.get().reason());
            return id;
        } catch (HubSpotApiException e) {
            failures.put(r.id(), SinkExceptions.of(e));
            return Optional.empty();
        }
    }

    /** What the keyword rule reads: the customer's messages and the record's values, lower case. */
    private String text(RecordSnapshot r) {
        StringBuilder text = new StringBuilder();
        r.fields().values().forEach(v -> text.append(v).append(' '));
        if (r.conversationId() != null) {
            store.messagesAfter(r.conversationId(), r.createdAt().minus(TEXT_WINDOW), 200).stream()
                    .filter(m -> "in".equals(m.direction()))
                    .forEach(m -> text.append(m.text()).append(' '));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** Keeps each new assignment on its record (origin {@code hubspot}, so it is not written back). */
    void recordAssignments(HubSpotBinding binding, List<RecordSnapshot> written) {
        Map<Long, RecordSnapshot> unassigned = written.stream()
                .filter(r -> r.fields().get(binding.ownerField()) == null)
                .collect(Collectors.toMap(RecordSnapshot::id, r -> r));
        unassigned.values().forEach(r -> store.assignment(r.id()).ifPresent(owner -> {
            try {
                records.applyChange(r.humanId(), "hubspot", Map.of(binding.ownerField(), owner), "hubspot:assigned");
            } catch (RecordNotFoundException e) {
                log.warn("Record {} vanished before its owner was stored", r.humanId());
            }
        }));
    }
}
