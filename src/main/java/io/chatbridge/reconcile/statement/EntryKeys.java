package io.chatbridge.reconcile.statement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The key that makes importing a statement twice a no-op. The bank's own id for an entry wins
 * ({@code AcctSvcrRef}, {@code FITID}), scoped to the account; without one, a SHA-256 of what the
 * entry says (account, date, amount, currency, payer, remittance) plus its occurrence number among
 * identical entries of the same file, so two real, identical coffees on one day stay two entries while
 * the same file (or an overlapping one) imported again adds nothing.
 */
public final class EntryKeys {

    private EntryKeys() {}

    public static List<String> keys(List<BankEntry> entries) {
        List<String> keys = new ArrayList<>(entries.size());
        Map<String, Integer> seen = new HashMap<>();
        for (BankEntry entry : entries) {
            if (entry.bankReference() != null) {
                keys.add("ref:" + entry.account() + ":" + entry.bankReference());
                continue;
            }
            String content = String.join(
                    "\u001F",
                    entry.account(),
                    entry.bookedOn().toString(),
                    entry.amount().stripTrailingZeros().toPlainString(),
                    entry.currency(),
                    String.valueOf(entry.endToEndId()),
                    String.valueOf(entry.counterparty()),
                    entry.remittance());
            int occurrence = seen.merge(content, 1, Integer::sum);
            keys.add("sha256:" + sha256(content + "\u001F" + occurrence));
        }
        return keys;
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
