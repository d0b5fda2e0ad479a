package io.chatbridge.reconcile;

import io.chatbridge.reconcile.ReconciliationItem.ClaimView;
import io.chatbridge.reconcile.ReconciliationItem.Entry;
import io.chatbridge.reconcile.ReconciliationItem.InvoicePart;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The read side: results by state for the API, the console and the report. */
@Service
public class ReconciliationQueries {

    public static final String UNCLAIMED = "unclaimed";
    public static final String CLAIMED_NOT_IN_BANK = "claimed_not_in_bank";
    public static final Set<String> STATES = Set.of(
            MatchStore.MATCHED,
            MatchStore.REVIEW,
            MatchStore.AMOUNT_DIFFERS,
            MatchStore.REJECTED,
            UNCLAIMED,
            CLAIMED_NOT_IN_BANK);

    private final JdbcClient jdbc;
    private final ClaimStore claims;
    private final ClaimScreenshots screenshots;
    private final PaymentsProperties properties;
    private final Clock clock;

    ReconciliationQueries(
            JdbcClient jdbc,
            ClaimStore claims,
            ClaimScreenshots screenshots,
            PaymentsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.screenshots = screenshots;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException for a state that does not exist */
    public List<ReconciliationItem> byState(String state, int limit) {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("unknown state '" + state + "'; one of " + STATES);
        }
        List<ReconciliationItem> items =
                switch (state) {
                    case UNCLAIMED -> unclaimed(limit);
                    case CLAIMED_NOT_IN_BANK -> claimedNotInBank(limit);
                    default -> decisions(state, limit);
                };
        withScreenshots(items);
        return items;
    }

    private void withScreenshots(List<ReconciliationItem> items) {
        Map<String, List<ReconciliationItem.Screenshot>> found = screenshots.of(items.stream()
                .filter(item -> item.claim() != null)
                .map(item -> item.claim().recordId())
                .distinct()
                .toList());
        items.stream().filter(item -> item.claim() != null).forEach(item -> item.screenshots()
                .addAll(found.getOrDefault(item.claim().recordId(), List.of())));
    }

    private List<ReconciliationItem> decisions(String state, int limit) {
        List<ReconciliationItem> items = jdbc.sql(
                        """
                        select m.*, e.booked_on, e.amount, e.currency, e.counterparty, e.remittance, e.bank_reference
                        from reconcile_match m join bank_entry e on e.id = m.bank_entry_id
                        where m.state = ? order by e.booked_on, m.id limit ?""")
                .params(state, limit)
                .query((rs, n) -> new ReconciliationItem(
                        rs.getString("state"),
                        rs.getLong("id"),
                        rs.getBoolean("automatic"),
                        rs.getBigDecimal("score"),
                        rs.getString("rule"),
                        rs.getString("explanation"),
                        rs.getString("decided_by"),
                        rs.getTimestamp("decided_at") == null
                                ? null
                                : rs.getTimestamp("decided_at").toInstant(),
                        entry(rs, rs.getLong("bank_entry_id")),
                        rs.getString("claim_record_id") == null
                                ? null
                                : new ClaimView(rs.getString("claim_record_id"), null, null, null, null),
                        new ArrayList<>(),
                        new ArrayList<>()))
                .list();
        Map<Long, List<InvoicePart>> parts =
                allocations(items.stream().map(ReconciliationItem::matchId).toList());
        items.forEach(item -> item.invoices().addAll(parts.getOrDefault(item.matchId(), List.of())));
        return items;
    }

    private Map<Long, List<InvoicePart>> allocations(List<Long> matchIds) {
        Map<Long, List<InvoicePart>> parts = new HashMap<>();
        if (matchIds.isEmpty()) {
            return parts;
        }
        jdbc.sql("select * from reconcile_allocation where match_id = any(?) order by id")
                .param(matchIds.toArray(Long[]::new))
                .query(rs -> {
                    parts.computeIfAbsent(rs.getLong("match_id"), k -> new ArrayList<>())
                            .add(new InvoicePart(
                                    rs.getString("invoice_source"),
                                    rs.getString("invoice_id"),
                                    rs.getString("invoice_number"),
                                    rs.getString("contact_name"),
                                    rs.getBigDecimal("amount")));
                });
        return parts;
    }

    private List<ReconciliationItem> unclaimed(int limit) {
        return jdbc.sql(
                        """
                        select e.*, e.id as entry_id from bank_entry e where e.amount > 0
                          and not exists (select 1 from reconcile_match m where m.bank_entry_id = e.id and m.state <> 'rejected')
                        order by e.booked_on, e.id limit ?""")
                .param(limit)
                .query((rs, n) -> new ReconciliationItem(
                        UNCLAIMED,
                        null,
                        null,
                        null,
                        null,
                        "in bank but unclaimed",
                        null,
                        null,
                        entry(rs, rs.getLong("entry_id")),
                        null,
                        List.of(),
                        new ArrayList<>()))
                .list();
    }

    private List<ReconciliationItem> claimedNotInBank(int limit) {
        LocalDate before =
                LocalDate.now(clock).minusDays(properties.claimGrace().toDays());
        return claims.openClaims().stream()
                .filter(c -> c.paidOn() != null && !c.paidOn().isAfter(before))
                .limit(limit)
                .map(c -> new ReconciliationItem(
                        CLAIMED_NOT_IN_BANK,
                        null,
                        null,
                        null,
                        null,
                        "claimed " + c.paidOn() + ", not in the bank after "
                                + properties.claimGrace().toDays() + " days",
                        null,
                        null,
                        null,
                        new ClaimView(c.recordId(), c.amount(), c.currency(), c.reference(), c.paidOn()),
                        List.of(),
                        new ArrayList<>()))
                .toList();
    }

    private static Entry entry(ResultSet rs, long id) throws SQLException {
        return new Entry(
                id,
                rs.getObject("booked_on", LocalDate.class),
                rs.getBigDecimal("amount"),
                rs.getString("currency"),
                rs.getString("counterparty"),
                rs.getString("remittance"),
                rs.getString("bank_reference"));
    }
}
