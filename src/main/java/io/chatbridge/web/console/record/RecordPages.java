package io.chatbridge.web.console.record;

import static io.chatbridge.common.Columns.instant;

import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.RecordTypeMapping;
import io.chatbridge.outbox.Outbox;
import io.chatbridge.record.ChangeOutcome;
import io.chatbridge.record.RecordQueries;
import io.chatbridge.record.RecordService;
import io.chatbridge.record.RecordView;
import io.chatbridge.web.console.ConsoleAudit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a record page together and applies a console field edit. An edit goes through
 * {@link RecordService#applyChange} with origin {@code admin}: the admin may set any field (they are the
 * mapping's author and the one who settles conflicts), the change is versioned in {@code record_change}
 * and queued to every bound sink, including the side that owns the field, so the sheet or CRM shows
 * the correction too.
 */
@Service
class RecordPages {

    private static final int AUDIT_ENTRIES = 50;

    private final RecordQueries records;
    private final RecordService service;
    private final Outbox outbox;
    private final MappingRegistry mappings;
    private final ConsoleAudit audit;
    private final JdbcClient jdbc;

    RecordPages(
            RecordQueries records,
            RecordService service,
            Outbox outbox,
            MappingRegistry mappings,
            ConsoleAudit audit,
            JdbcClient jdbc) {
        this.records = records;
        this.service = service;
        this.outbox = outbox;
        this.mappings = mappings;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    Optional<RecordPage> page(String humanId) {
        return records.find(humanId)
                .map(record -> new RecordPage(
                        record,
                        io.chatbridge.web.console.customer.CustomerQueries.customerIdOf(
                                record.conversationId(), record.customerPhone()),
                        RecordPage.fieldRows(record, mapping(record.type())),
                        RecordPage.newestFirst(record.history()),
                        conflicts(record.id()),
                        outbox.forRecord(record.id()),
                        audit.forTarget(humanId, AUDIT_ENTRIES)));
    }

    /**
     * Sets one field as the signed-in console user and audits it in the same transaction.
     *
     * @throws IllegalArgumentException when the value does not fit the field
     */
    @Transactional
    ChangeOutcome edit(String humanId, String field, String text, String username) {
        RecordView record =
                records.find(humanId).orElseThrow(() -> new io.chatbridge.record.RecordNotFoundException(humanId));
        if (field == null || !field.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("No field called '" + field + "'.");
        }
        Object value = FieldInput.parse(
                field,
                text,
                mapping(record.type()).map(m -> m.fields().get(field)).orElse(null));
        Map<String, Object> change = new HashMap<>();
        change.put(field, value);
        ChangeOutcome outcome = service.applyChange(humanId, RecordService.ORIGIN_ADMIN, change, "console:" + username);
        if (!outcome.applied().isEmpty()) {
            Map<String, Object> detail = new HashMap<>();
            detail.put("field", field);
            detail.put(
                    "old",
                    "status".equals(field) ? record.status() : record.fields().get(field));
            detail.put("new", value);
            detail.put("version", outcome.version());
            audit.record(username, "field-edit", humanId, detail);
        }
        return outcome;
    }

    private Optional<RecordTypeMapping> mapping(String type) {
        return mappings.current().type(type);
    }

    private List<RecordPage.Conflict> conflicts(long recordId) {
        return jdbc.sql(
                        """
                        select field, owner, origin, current_value::text as current_value,
                               proposed_value::text as proposed_value, cause, created_at, resolved_at
                        from record_conflict where record_id = ? order by id desc limit 100""")
                .param(recordId)
                .query((rs, n) -> new RecordPage.Conflict(
                        rs.getString("field"),
                        rs.getString("owner"),
                        rs.getString("origin"),
                        rs.getString("current_value"),
                        rs.getString("proposed_value"),
                        rs.getString("cause"),
                        instant(rs.getTimestamp("created_at")),
                        rs.getTimestamp("resolved_at") != null))
                .list();
    }
}
