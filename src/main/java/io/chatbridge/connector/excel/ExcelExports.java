package io.chatbridge.connector.excel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.RecordTypeMapping;
import io.chatbridge.record.RecordSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports the records of one type created in a period as an .xlsx, streamed from a database cursor
 * into {@link WorkbookExport}: nothing is held whole, so a month with a million payments exports in
 * the same memory as a day with ten. Columns: the record id, the status, when it was created, and
 * every field of the mapping in file order.
 */
@Service
public class ExcelExports {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};
    private static final int FETCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MappingRegistry mappings;
    private final ObjectMapper json;

    ExcelExports(DataSource dataSource, TransactionTemplate transaction, MappingRegistry mappings, ObjectMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH); // with the transaction's autocommit off, PostgreSQL streams through a cursor
        this.transaction = transaction;
        this.mappings = mappings;
        this.json = json;
    }

    /** The export's columns, or empty when there is no such record type. */
    public Optional<List<ExportColumn>> columns(String type) {
        RecordTypeMapping mapping = mappings.current().types().get(type);
        if (mapping == null) {
            return Optional.empty();
        }
        List<ExportColumn> columns = new ArrayList<>(List.of(
                new ExportColumn("Record ID", "id", "text"),
                new ExportColumn("Status", "status", "text"),
                new ExportColumn("Created", "created_at", "text")));
        mapping.fields().values().stream()
                .filter(f -> !"status".equals(f.name()))
                .forEach(f -> columns.add(
                        new ExportColumn(f.name(), f.name(), f.type().yamlName())));
        return Optional.of(columns);
    }

    /** Streams the export to {@code out}; returns the number of records written. */
    public long export(String type, List<ExportColumn> columns, Instant from, Instant to, OutputStream out) {
        Long rows = transaction.execute(status -> {
            try {
                return WorkbookExport.write(type, columns, each -> query(type, from, to, each), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return rows == null ? 0 : rows;
    }

    private void query(String type, Instant from, Instant to, java.util.function.Consumer<RecordSnapshot> each) {
        jdbc.query(
                """
                select id, human_id, type, version, status, complete, fields::text as fields, created_at, updated_at
                from record where type = ? and created_at >= ? and created_at < ? order by id""",
                rs -> {
                    each.accept(new RecordSnapshot(
                            rs.getLong("id"),
                            rs.getString("human_id"),
                            rs.getString("type"),
                            rs.getInt("version"),
                            rs.getString("status"),
                            rs.getBoolean("complete"),
                            fields(rs.getString("fields")),
                            null,
                            null,
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant()));
                },
                type,
                Timestamp.from(from),
                Timestamp.from(to));
    }

    private Map<String, Object> fields(String text) {
        try {
            return json.readValue(text, FIELDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
