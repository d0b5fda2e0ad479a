package io.chatbridge.web.console.search;

import static io.chatbridge.common.Columns.instant;

import io.chatbridge.web.console.customer.CustomerQueries;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's record search as SQL: each filter adds one condition that an index of V71 answers
 * (customer phone: b-tree on the stored E.164 numbers; customer name: trigram; free text: the
 * {@code search_doc} GIN; tag: GIN on {@code fields->'tags'}); results newest change first, one page
 * at a time (one row more than a page tells whether there is a next one, no count of everything).
 * Values are always bound parameters, never spliced into the SQL.
 */
public class RecordSearch {

    private final JdbcClient jdbc;
    private final int pageSize;

    public RecordSearch(JdbcClient jdbc, int pageSize) {
        this.jdbc = jdbc;
        this.pageSize = pageSize;
    }

    /** One page of records matching every given filter; phone numbers are read in {@code region}. */
    public SearchPage search(SearchFilters filters, String region) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        customer(filters.customer(), region, where, params);
        equal("r.type = ?", filters.type(), where, params);
        equal("r.status = ?", filters.status(), where, params);
        if (filters.from() != null) {
            where.add("r.updated_at >= ?");
            params.add(
                    Timestamp.from(filters.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (filters.to() != null) {
            where.add("r.updated_at < ?");
            params.add(Timestamp.from(
                    filters.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        equal("r.fields -> 'tags' @> jsonb_build_array(cast(? as text))", filters.tag(), where, params);
        String words = prefixQuery(filters.q());
        if (filters.q() != null && words == null) {
            return new SearchPage(List.of(), filters.page(), false);
        }
        equal("r.search_doc @@ to_tsquery('simple', ?)", words, where, params);
        params.add(pageSize + 1);
        params.add((filters.page() - 1) * pageSize);
        List<SearchRow> rows = jdbc.sql(
                        """
                        select r.human_id, r.type, r.status, r.search_name, r.customer_phone, r.conversation_id,
                               r.fields::text as fields, r.updated_at
                        from record r"""
                                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                                + " order by r.updated_at desc, r.id desc limit ? offset ?")
                .params(params)
                .query(RecordSearch::row)
                .list();
        boolean more = rows.size() > pageSize;
        return new SearchPage(more ? rows.subList(0, pageSize) : rows, filters.page(), more);
    }

    private static void customer(String customer, String region, List<String> where, List<Object> params) {
        if (customer == null) {
            return;
        }
        List<String> phones = PhoneQuery.candidates(customer, region);
        if (!phones.isEmpty()) {
            String[] numbers = phones.toArray(String[]::new);
            where.add("(r.customer_phone = any(?) or r.fields ->> 'phone' = any(?))");
            params.add(numbers);
            params.add(numbers);
        } else {
            where.add("lower(r.search_name) like ? escape '\\'");
            params.add(contains(customer));
        }
    }

    private static void equal(String condition, Object value, List<String> where, List<Object> params) {
        if (value != null) {
            where.add(condition);
            params.add(value);
        }
    }

    /** {@code %text%} for LIKE, lower-case, with LIKE's wildcards taken literally. */
    static String contains(String text) {
        return "%"
                + text.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
    }

    /**
     * Free text as a tsquery of word prefixes that must all occur ({@code marg:* & pizza:*}); only letters
     * and digits reach it, so no tsquery syntax can be injected. Null when there is no word.
     */
    static String prefixQuery(String q) {
        if (q == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String word : q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && words.size() < 8) {
                words.add(word + ":*");
            }
        }
        return words.isEmpty() ? null : String.join(" & ", words);
    }

    private static SearchRow row(ResultSet rs, int n) throws SQLException {
        return new SearchRow(
                rs.getString("human_id"),
                rs.getString("type"),
                rs.getString("status"),
                rs.getString("search_name"),
                rs.getString("customer_phone"),
                CustomerQueries.customerIdOf(rs.getString("conversation_id"), rs.getString("customer_phone")),
                SearchRow.summary(rs.getString("fields")),
                instant(rs.getTimestamp("updated_at")));
    }

    /** One page of results. */
    public record SearchPage(List<SearchRow> rows, int page, boolean hasNext) {}
}
