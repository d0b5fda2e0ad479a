package io.chatbridge.reconcile.match;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims by normalized reference, and by amount and day, the ways a bank entry or invoice finds them.
 * A bank entry asks for its amount on each day of the date window (a handful of lookups) rather than
 * walking every claim of that amount, which grows with the business.
 */
final class ClaimIndex {

    private final Map<String, List<Claim>> byReference = new HashMap<>();
    private final Map<Money, Map<LocalDate, List<Claim>>> byAmountAndDay = new HashMap<>();
    private final Map<Money, List<Claim>> undated = new HashMap<>();

    ClaimIndex(List<Claim> claims) {
        for (Claim claim : claims) {
            if (claim.amount() != null) {
                Money money = Money.of(claim.currency(), claim.amount());
                if (claim.paidOn() == null) {
                    undated.computeIfAbsent(money, k -> new ArrayList<>()).add(claim);
                } else {
                    byAmountAndDay
                            .computeIfAbsent(money, k -> new HashMap<>())
                            .computeIfAbsent(claim.paidOn(), k -> new ArrayList<>())
                            .add(claim);
                }
            }
            for (String token : References.tokens(claim.reference())) {
                byReference.computeIfAbsent(token, k -> new ArrayList<>()).add(claim);
            }
            String whole = References.normalize(claim.reference());
            if (whole != null && !References.tokens(claim.reference()).contains(whole)) {
                byReference.computeIfAbsent(whole, k -> new ArrayList<>()).add(claim);
            }
        }
    }

    List<Claim> quoting(String invoiceNumber) {
        return invoiceNumber == null ? List.of() : byReference.getOrDefault(invoiceNumber, List.of());
    }

    /** Claims of exactly this money said to be paid within {@code window} days of {@code day} (or undated). */
    List<Claim> ofAmountNear(Money amount, LocalDate day, int window) {
        List<Claim> found = new ArrayList<>(undated.getOrDefault(amount, List.of()));
        Map<LocalDate, List<Claim>> days = byAmountAndDay.get(amount);
        if (days != null) {
            for (int d = -window; d <= window; d++) {
                found.addAll(days.getOrDefault(day.plusDays(d), List.of()));
            }
        }
        return found;
    }
}
