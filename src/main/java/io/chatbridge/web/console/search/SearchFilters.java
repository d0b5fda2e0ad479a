package io.chatbridge.web.console.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One console search as it stands in the URL ({@code /console/search?customer=…&type=booking&page=2}),
 * so a search can be bookmarked and shared. Every filter is optional; blanks count as absent.
 *
 * @param customer a name (any part of it) or a phone number in any format
 * @param from first day of the last change (UTC), inclusive
 * @param to last day of the last change (UTC), inclusive
 * @param tag a value of the record's {@code tags} field
 * @param q free text over the record's id, fields and the messages its fields came from (word prefixes)
 */
public record SearchFilters(
        String customer, String type, String status, LocalDate from, LocalDate to, String tag, String q, Integer page) {

    public SearchFilters {
        customer = blankToNull(customer);
        type = blankToNull(type);
        status = blankToNull(status);
        tag = blankToNull(tag);
        q = blankToNull(q);
        page = page == null || page < 1 ? 1 : Math.min(page, 10_000);
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("The date range ends (" + to + ") before it starts (" + from + ").");
        }
    }

    public static SearchFilters none() {
        return new SearchFilters(null, null, null, null, null, null, null, 1);
    }

    public boolean isEmpty() {
        return customer == null
                && type == null
                && status == null
                && from == null
                && to == null
                && tag == null
                && q == null;
    }

    /** The same search on another page, as a query string ({@code customer=ana&page=2}). */
    public String queryString(int onPage) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("customer", customer);
        values.put("type", type);
        values.put("status", status);
        values.put("from", from);
        values.put("to", to);
        values.put("tag", tag);
        values.put("q", q);
        values.put("page", onPage > 1 ? onPage : null);
        StringJoiner query = new StringJoiner("&");
        values.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
