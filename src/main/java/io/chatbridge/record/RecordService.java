package io.chatbridge.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatbridge.extract.RecordDraft;
import io.chatbridge.mapping.RecordTypeCatalog;
import io.chatbridge.mapping.RecordTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes records, and keeps every change in {@code record_change}.
 *
 * <p>All writes run inside the caller's transaction (the pipeline's, a connector's) and publish
 * {@link RecordChanged} in it, so the outbox rows commit with the change. Field ownership is enforced
 * here, once, for every origin: a change from a side that does not own a field becomes a conflict.
 */
@Service
public class RecordService {

    public static final String ORIGIN_CHAT = "chat";
    public static final String ORIGIN_ADMIN = "admin";
    /**
     * An automation the admin declared in a mapping (e.g. a reminder whose "1" reply confirms): it acts
     * on the admin's behalf, so like an admin it may change a field another side owns.
     */
    public static final String ORIGIN_AUTOMATION = "automation";

    public static final String STATUS_FIELD = "status";

    private final RecordRepository repository;
    private final RecordBatchStore batches;
    private final RecordTypeCatalog catalog;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    RecordService(
            RecordRepository repository,
            RecordBatchStore batches,
            RecordTypeCatalog catalog,
            ApplicationEventPublisher events,
            ObjectMapper json) {
        this.repository = repository;
        this.batches = batches;
        this.catalog = catalog;
        this.events = events;
        this.json = json;
    }

    /**
     * Upserts the record a draft describes: found by (conversation, anchor message), then by business
     * key; created when neither exists.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ChangeOutcome applyDraft(String conversationId, String customerPhone, RecordDraft draft, String cause) {
        Optional<StoredRecord> existing =
                repository.findByAnchorForUpdate(draft.type(), conversationId, draft.anchorMessageId());
        if (existing.isEmpty() && draft.businessKey() != null) {
            existing = repository.findByBusinessKeyForUpdate(draft.type(), draft.businessKey());
        }
        if (existing.isEmpty()) {
            Optional<ChangeOutcome> created = create(conversationId, customerPhone, draft, cause);
            if (created.isPresent()) {
                return created.get();
            }
            // lost a race with another transaction that created the same business key: update that one
            existing = repository.findByBusinessKeyForUpdate(draft.type(), draft.businessKey());
            if (existing.isEmpty()) {
                existing = repository.findByAnchorForUpdate(draft.type(), conversationId, draft.anchorMessageId());
            }
        }
        StoredRecord record = existing.orElseThrow(() -> new IllegalStateException("record vanished during upsert"));
        return update(record, draft, cause);
    }

    /** A draft and the message whose arrival produced it ({@code record_change.cause}). */
    public record CausedDraft(RecordDraft draft, String cause) {}

    /**
     * Applies drafts in order with {@link #applyDraft}, draft by draft: a backlog the live pass reads
     * message by message. The reader hands the same draft again after each message while its record is
     * unchanged; applying it again would find that record and change nothing, so a draft equal to the last
     * one of its anchor is passed over while its record is still at the version that draft left it (the
     * records are locked by this transaction, so only these drafts change them). {@link #applyDrafts} holds
     * the same rule for the import's set-based path ({@link DraftBatch#apply}). Drafts of one message that
     * share a business key state each field once, from the newest ({@link SameKeyDrafts}), in both paths.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void applyInOrder(String conversationId, String customerPhone, List<CausedDraft> drafts) {
        Map<String, Applied> lastByAnchor = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        for (CausedDraft caused : SameKeyDrafts.newestStatesEachField(drafts)) {
            RecordDraft draft = caused.draft();
            String anchor = draft.type() + '\u0000' + draft.anchorMessageId();
            Applied last = lastByAnchor.get(anchor);
            if (last != null
                    && versions.get(last.humanId()) == last.version()
                    && (last.draft() == draft || last.draft().equals(draft))) {
                continue;
            }
            ChangeOutcome outcome = applyDraft(conversationId, customerPhone, draft, caused.cause());
            if (outcome != null && outcome.humanId() != null) {
                versions.put(outcome.humanId(), outcome.version());
                lastByAnchor.put(anchor, new Applied(draft, outcome.humanId(), outcome.version()));
            }
        }
    }

    /** The draft last applied for an anchor, and the version it left its record at. */
    private record Applied(RecordDraft draft, String humanId, int version) {}

    /**
     * Upserts the drafts of one conversation, in order, with the same decisions as {@link #applyDraft}
     * draft by draft, in a few set-based statements: the import's path, where a slice of a conversation
     * yields a draft for every record in the window after every message. A draft identical to the last
     * one of its anchor, whose record nothing changed since, is passed over (it would change nothing).
     * One {@link RecordChanged} per change as usual, carrying {@code historyUntil} so automations can pass
     * over years-old chats before any query.
     *
     * @param historyUntil when the conversation's newest message was sent
     * @param messageTexts the texts of the messages the drafts were read from, by message id: new records
     *     get their console search document from them in the insert, not from a look-up per record
     * @return the number of record versions written
     * @throws ConcurrentRecordChange when another transaction created one of the records meanwhile; the
     *     caller can repeat the drafts one by one with {@link #applyDraft}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int applyDrafts(
            String conversationId,
            String customerPhone,
            List<CausedDraft> drafts,
            java.time.Instant historyUntil,
            Map<String, String> messageTexts) {
        if (drafts.isEmpty()) {
            return 0;
        }
        List<RecordDraft> plain = drafts.stream().map(CausedDraft::draft).toList();
        DraftBatch batch = new DraftBatch(json, this::typeInfo);
        batch.load(batches.anchoredForUpdate(conversationId, plain), batches.keyedForUpdate(plain));
        SameKeyDrafts.newestStatesEachField(drafts).forEach(d -> batch.apply(d.draft(), d.cause()));
        batch.createdByType().forEach((type, created) -> {
            long first = batches.reserveHumanIds(type, created.size());
            String prefix = typeInfo(type).idPrefix();
            for (int i = 0; i < created.size(); i++) {
                created.get(i).humanId = RecordRepository.humanId(prefix, first + i);
            }
        });
        batch.sourceTexts(messageTexts);
        batches.update(batch.updated());
        if (!batches.insert(batch.created(), conversationId, customerPhone)) {
            throw new ConcurrentRecordChange(conversationId);
        }
        batches.insertChanges(batch.changes(), ORIGIN_CHAT);
        for (DraftBatch.Refused r : batch.refused()) {
            DraftMerge.Conflict c = r.conflict();
            repository.insertConflict(
                    r.record().id, c.field(), c.owner(), ORIGIN_CHAT, c.current(), c.proposed(), r.cause());
        }
        for (DraftBatch.Change change : batch.changes()) {
            Set<String> names = new LinkedHashSet<>();
            change.applied().forEach(f -> names.add(f.field()));
            DraftBatch.Working record = change.record();
            events.publishEvent(new RecordChanged(
                    record.id,
                    record.humanId,
                    record.type,
                    change.version(),
                    ORIGIN_CHAT,
                    names,
                    change.complete(),
                    historyUntil));
        }
        return batch.changes().size();
    }

    /**
     * Applies a change that came from a connector or an admin. Fields the origin does not own are not
     * applied but recorded as conflicts; an admin may change any field.
     */
    @Transactional
    public ChangeOutcome applyChange(String humanId, String origin, Map<String, Object> changes, String cause) {
        StoredRecord record =
                repository.findByHumanIdForUpdate(humanId).orElseThrow(() -> new RecordNotFoundException(humanId));
        RecordTypeInfo info = typeInfo(record.type());
        ObjectNode fields = record.fields().deepCopy();
        String status = record.status();
        List<FieldChange> applied = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String field = change.getKey();
            JsonNode proposed = json.valueToTree(change.getValue());
            JsonNode current = STATUS_FIELD.equals(field) ? json.valueToTree(status) : fields.path(field);
            if (current.isMissingNode()) {
                current = NullNode.getInstance();
            }
            if (current.equals(proposed)) {
                continue;
            }
            if (!actsForAdmin(origin) && !info.isOwnedBy(field, origin)) {
                repository.insertConflict(record.id(), field, info.ownerOf(field), origin, current, proposed, cause);
                conflicts.add(field);
                continue;
            }
            if (STATUS_FIELD.equals(field)) {
                status = proposed.asText();
            } else {
                fields.set(field, proposed);
            }
            applied.add(new FieldChange(field, current, proposed));
        }
        if (applied.isEmpty()) {
            return new ChangeOutcome(record.humanId(), record.version(), List.of(), conflicts);
        }
        int version = record.version() + 1;
        repository.update(
                record.id(),
                record.businessKey(),
                fields,
                record.sources(),
                record.confidence(),
                status,
                record.complete(),
                null,
                version);
        return recordChanges(
                record.id(),
                record.humanId(),
                record.type(),
                version,
                origin,
                cause,
                applied,
                record.complete(),
                conflicts);
    }

    /**
     * Creates a record that a connector found first (a row staff typed into the sheet by hand). It has
     * no conversation; its business key is taken from its fields unless another record holds it.
     *
     * @return the new record
     */
    @Transactional
    public RecordSnapshot createFromConnector(
            String type, String origin, Map<String, Object> fieldValues, String status, String cause) {
        RecordTypeInfo info = typeInfo(type);
        String humanId = repository.nextHumanId(type, info.idPrefix());
        ObjectNode fields = json.valueToTree(fieldValues);
        String key = businessKey(info, fieldValues);
        if (key != null && repository.businessKeyTaken(type, key, -1)) {
            key = null;
        }
        long id = repository.insertFromConnector(humanId, type, key, fields, status);
        List<FieldChange> applied = DraftMerge.created(fields);
        applied.add(new FieldChange(STATUS_FIELD, NullNode.getInstance(), json.valueToTree(status)));
        recordChanges(id, humanId, type, 1, origin, cause, applied, true, List.of());
        return repository.snapshots(List.of(id)).get(0);
    }

    private static String businessKey(RecordTypeInfo info, Map<String, Object> fields) {
        if (info.businessKey().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String field : info.businessKey()) {
            Object value = fields.get(field);
            if (value == null) {
                return null;
            }
            parts.add(String.valueOf(value));
        }
        return String.join("|", parts);
    }

    private static boolean actsForAdmin(String origin) {
        return ORIGIN_ADMIN.equals(origin) || ORIGIN_AUTOMATION.equals(origin);
    }

    private Optional<ChangeOutcome> create(
            String conversationId, String customerPhone, RecordDraft draft, String cause) {
        String humanId =
                repository.nextHumanId(draft.type(), typeInfo(draft.type()).idPrefix());
        ObjectNode fields = json.valueToTree(draft.fields());
        Optional<Long> id = repository.insert(
                humanId,
                draft,
                conversationId,
                customerPhone,
                fields,
                json.valueToTree(draft.sources()),
                json.valueToTree(draft.confidence()),
                json.valueToTree(draft.missing()));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<FieldChange> applied = DraftMerge.created(fields);
        return Optional.of(recordChanges(
                id.get(), humanId, draft.type(), 1, ORIGIN_CHAT, cause, applied, draft.complete(), List.of()));
    }

    private ChangeOutcome update(StoredRecord record, RecordDraft draft, String cause) {
        RecordTypeInfo info = typeInfo(record.type());
        ObjectNode fields = record.fields().deepCopy();
        ObjectNode sources = record.sources().deepCopy();
        ObjectNode confidence = record.confidence().deepCopy();
        DraftMerge.Result merged = DraftMerge.merge(info, fields, sources, confidence, draft, json);
        for (DraftMerge.Conflict c : merged.conflicts()) {
            repository.insertConflict(
                    record.id(), c.field(), c.owner(), RecordService.ORIGIN_CHAT, c.current(), c.proposed(), cause);
        }
        List<FieldChange> applied = merged.applied();
        List<String> conflicts = merged.conflictFields();
        boolean becameComplete = draft.complete() != record.complete();
        if (applied.isEmpty() && !becameComplete) {
            return new ChangeOutcome(record.humanId(), record.version(), List.of(), conflicts);
        }
        String businessKey = keyAfterUpdate(record, draft);
        int version = record.version() + 1;
        repository.update(
                record.id(),
                businessKey,
                fields,
                sources,
                confidence,
                record.status(),
                draft.complete(),
                json.valueToTree(draft.missing()),
                version);
        return recordChanges(
                record.id(),
                record.humanId(),
                record.type(),
                version,
                ORIGIN_CHAT,
                cause,
                applied,
                draft.complete(),
                conflicts);
    }

    /** A corrected key moves with the record, unless another record already holds the new key. */
    private String keyAfterUpdate(StoredRecord record, RecordDraft draft) {
        String proposed = draft.businessKey();
        if (proposed == null || proposed.equals(record.businessKey())) {
            return record.businessKey();
        }
        return repository.businessKeyTaken(record.type(), proposed, record.id()) ? record.businessKey() : proposed;
    }

    private ChangeOutcome recordChanges(
            long id,
            String humanId,
            String type,
            int version,
            String origin,
            String cause,
            List<FieldChange> applied,
            boolean complete,
            List<String> conflicts) {
        repository.insertChanges(id, version, origin, cause, applied);
        Set<String> names = new LinkedHashSet<>();
        applied.forEach(change -> names.add(change.field()));
        events.publishEvent(new RecordChanged(id, humanId, type, version, origin, names, complete));
        return new ChangeOutcome(humanId, version, List.copyOf(names), conflicts);
    }

    private RecordTypeInfo typeInfo(String type) {
        return catalog.find(type)
                .orElseGet(() -> new RecordTypeInfo(type, defaultPrefix(type), List.of(), Map.of(), List.of()));
    }

    static String defaultPrefix(String type) {
        String letters = type.replaceAll("[^A-Za-z]", "").toUpperCase();
        return letters.length() >= 2 ? letters.substring(0, 2) : (letters + "XX").substring(0, 2);
    }

    public List<RecordSnapshot> snapshots(List<Long> ids) {
        return repository.snapshots(ids);
    }
}
