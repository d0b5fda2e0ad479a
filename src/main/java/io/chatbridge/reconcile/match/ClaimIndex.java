package io.chatbridge.reconcile.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Claims by normalized reference and by amount, the two ways a bank entry or invoice finds them. */
final class ClaimIndex {

    private final Map<String, List<Claim>> byReference = new HashMap<>();
    private final Map<Money, List<Claim>> byAmount = new HashMap<>();

    ClaimIndex(List<Claim> claims) {
        for (Claim claim : claims) {
            if (claim.amount() != null) {
                byAmount.computeIfAbsent(Money.of(claim.currency(), claim.amount()), k -> new ArrayList<>())
                        .add(claim);
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

    List<Claim> ofAmount(Money amount) {
        return byAmount.getOrDefault(amount, List.of());
    }
}
