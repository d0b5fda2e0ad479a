package io.chatbridge.reconcile.match;

import java.util.List;

/**
 * The matcher's answer for one bank entry.
 *
 * @param claim the customer's claim it also matches, or null
 * @param allocations the invoices it pays and how much of it goes to each
 * @param score 0..1; at or above the configured threshold the match is automatic
 * @param rule the rule that found it ({@code reference}, {@code amount-name-date}, {@code amount-phone})
 * @param explanation why, in words ("reference INV-2041 in remittance info; amount equal; 1 day apart")
 */
public record Proposal(
        BankLine line,
        Claim claim,
        List<Allocation> allocations,
        double score,
        MatchKind kind,
        String rule,
        String explanation) {

    public Proposal {
        allocations = List.copyOf(allocations);
    }
}
