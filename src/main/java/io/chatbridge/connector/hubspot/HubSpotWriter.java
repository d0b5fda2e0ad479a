package io.chatbridge.connector.hubspot;

import io.chatbridge.outbox.SinkException;
import io.chatbridge.record.RecordSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one binding's batch of records to HubSpot in as few requests as HubSpot allows: one contact
 * upsert per 100 customers whose contact changed, one deal upsert per 100 deals that changed, one
 * association batch per 100 new deal–contact pairs, one note batch per 100 records with new messages.
 * What was written is remembered ({@link HubSpotStore}), so a record whose deal is already up to date
 * costs no request at all, and every write is an upsert by a unique value, so a retry never duplicates
 * a contact or a deal.
 */
class HubSpotWriter {

    static final int BATCH = 100;

    private final HubSpotClient client;
    private final HubSpotStore store;
    private final DealProperties deals;
    private final OwnerAssigner owners;
    private final TimelineNotes notes;

    HubSpotWriter(
            HubSpotClient client, HubSpotStore store, DealProperties deals, OwnerAssigner owners, TimelineNotes notes) {
        this.client = client;
        this.store = store;
        this.deals = deals;
        this.owners = owners;
        this.notes = notes;
    }

    /** @return failures by record id; records not named were written */
    Map<Long, SinkException> write(HubSpotBinding binding, List<RecordSnapshot> records) {
        Failures failures = new Failures();
        Map<Long, String> contactIds = contacts(binding, records, failures);
        List<RecordSnapshot> ready = failures.without(records);
        Map<Long, String> ownerIds = owners.assign(binding, ready, failures);
        Map<Long, String> dealIds = deals(binding, failures.without(ready), contactIds, ownerIds, failures);
        associate(failures.without(ready), dealIds, contactIds, failures);
        if (binding.notes()) {
            notes.add(failures.without(ready), dealIds, contactIds, ownerIds, failures);
        }
        owners.recordAssignments(binding, failures.without(ready));
        return failures.all();
    }

    private Map<Long, String> contacts(HubSpotBinding binding, List<RecordSnapshot> records, Failures failures) {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        Map<Long, String> waIds = new HashMap<>();
        for (RecordSnapshot r : records) {
            Optional<String> waId = WhatsAppIds.of(r);
            if (waId.isEmpty()) {
                failures.put(
                        r.id(),
                        SinkException.permanentFailure(
                                "HubSpot: the record has no WhatsApp id or phone to find its contact by"));
                continue;
            }
            waIds.put(r.id(), waId.get());
            wanted.put(waId.get(), deals.contactProperties(binding, r, waId.get()));
        }
        Map<String, HubSpotStore.Contact> known = store.contacts(wanted.keySet());
        Map<String, String> ids = new HashMap<>();
        List<HubSpotClient.ObjectInput> changed = new ArrayList<>();
        wanted.forEach((waId, properties) -> {
            HubSpotStore.Contact contact = known.get(waId);
            if (contact != null && contact.hash().equals(Hashes.of(properties))) {
                ids.put(waId, contact.contactId());
            } else {
                changed.add(new HubSpotClient.ObjectInput(waId, properties));
            }
        });
        for (List<HubSpotClient.ObjectInput> chunk : chunks(changed)) {
            try {
                for (HubSpotClient.Upserted u : client.upsert("contacts", binding.contactIdProperty(), chunk)) {
                    ids.put(u.uniqueValue(), u.id());
                    store.saveContact(u.uniqueValue(), u.id(), Hashes.of(wanted.get(u.uniqueValue())));
                }
            } catch (HubSpotApiException e) {
                chunk.forEach(input -> failures.failWhere(waIds, input.uniqueValue(), e));
            }
        }
        Map<Long, String> byRecord = new HashMap<>();
        waIds.forEach((recordId, waId) -> {
            String id = ids.get(waId);
            if (id != null) {
                byRecord.put(recordId, id);
            } else {
                failures.putIfAbsent(recordId, missing("contact"));
            }
        });
        return byRecord;
    }

    private Map<Long, String> deals(
            HubSpotBinding binding,
            List<RecordSnapshot> records,
            Map<Long, String> contactIds,
            Map<Long, String> ownerIds,
            Failures failures) {
        Map<Long, HubSpotStore.Deal> known =
                store.deals(records.stream().map(RecordSnapshot::id).toList());
        Map<Long, String> ids = new HashMap<>();
        Map<String, RecordSnapshot> byHumanId = new HashMap<>();
        Map<String, Map<String, String>> written = new HashMap<>();
        List<HubSpotClient.ObjectInput> changed = new ArrayList<>();
        for (RecordSnapshot r : records) {
            Map<String, String> properties = deals.dealProperties(binding, r, ownerIds.get(r.id()));
            HubSpotStore.Deal deal = known.get(r.id());
            if (deal != null && deal.hash().equals(Hashes.of(properties))) {
                ids.put(r.id(), deal.dealId());
                continue;
            }
            byHumanId.put(r.humanId(), r);
            written.put(r.humanId(), properties);
            changed.add(new HubSpotClient.ObjectInput(r.humanId(), properties));
        }
        for (List<HubSpotClient.ObjectInput> chunk : chunks(changed)) {
            try {
                for (HubSpotClient.Upserted u : client.upsert("deals", HubSpotBinding.RECORD_ID_PROPERTY, chunk)) {
                    RecordSnapshot r = byHumanId.get(u.uniqueValue());
                    if (r != null) {
                        Map<String, String> properties = written.get(r.humanId());
                        store.saveDeal(
                                r.id(), r.humanId(), u.id(), contactIds.get(r.id()), Hashes.of(properties), properties);
                        ids.put(r.id(), u.id());
                    }
                }
            } catch (HubSpotApiException e) {
                chunk.forEach(
                        input -> failures.put(byHumanId.get(input.uniqueValue()).id(), SinkExceptions.of(e)));
            }
        }
        records.stream()
                .filter(r -> !ids.containsKey(r.id()))
                .forEach(r -> failures.putIfAbsent(r.id(), missing("deal")));
        return ids;
    }

    private void associate(
            List<RecordSnapshot> records, Map<Long, String> dealIds, Map<Long, String> contactIds, Failures failures) {
        Map<Long, HubSpotStore.Deal> known =
                store.deals(records.stream().map(RecordSnapshot::id).toList());
        Map<Long, HubSpotClient.Pair> pairs = new LinkedHashMap<>();
        for (RecordSnapshot r : records) {
            String contact = contactIds.get(r.id());
            HubSpotStore.Deal deal = known.get(r.id());
            if (deal != null && !contact.equals(deal.associatedTo())) {
                pairs.put(r.id(), new HubSpotClient.Pair(dealIds.get(r.id()), contact));
            }
        }
        List<Long> ids = new ArrayList<>(pairs.keySet());
        for (List<Long> chunk : chunks(ids)) {
            try {
                client.associate(
                        "deals",
                        "contacts",
                        HubSpotClient.DEAL_TO_CONTACT,
                        chunk.stream().map(pairs::get).toList());
                chunk.forEach(id -> store.markAssociated(id, pairs.get(id).toId()));
            } catch (HubSpotApiException e) {
                chunk.forEach(id -> failures.put(id, SinkExceptions.of(e)));
            }
        }
    }

    private static SinkException missing(String what) {
        return SinkException.transientFailure(
                "HubSpot did not return the " + what + " in its answer", Duration.ofSeconds(5));
    }

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += BATCH) {
            chunks.add(items.subList(i, Math.min(items.size(), i + BATCH)));
        }
        return chunks;
    }

    /** Per-record failures of one batch; the first failure of a record is the one reported. */
    static final class Failures {
        private final Map<Long, SinkException> byRecord = new HashMap<>();

        void put(long recordId, SinkException e) {
            byRecord.putIfAbsent(recordId, e);
        }

        void putIfAbsent(long recordId, SinkException e) {
            byRecord.putIfAbsent(recordId, e);
        }

        void failWhere(Map<Long, String> keys, String key, HubSpotApiException e) {
            keys.forEach((recordId, k) -> {
                if (k.equals(key)) {
                    put(recordId, SinkExceptions.of(e));
                }
            });
        }

        List<RecordSnapshot> without(List<RecordSnapshot> records) {
            return records.stream().filter(r -> !byRecord.containsKey(r.id())).toList();
        }

        Map<Long, SinkException> all() {
            return Map.copyOf(byRecord);
        }
    }
}
