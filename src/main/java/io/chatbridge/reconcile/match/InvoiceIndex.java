package io.chatbridge.reconcile.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Open invoices indexed the ways bank entries find them: by normalized number, by the number's
 * one-deletion neighbours (typos), by bare digits, by phone, and by amount and then payer-name word.
 * Each lookup touches only its bucket, so matching stays linear in the number of bank entries.
 */
final class InvoiceIndex {

    private final Map<String, List<SourcedInvoice>> byNumber = new HashMap<>();
    private final Map<String, List<SourcedInvoice>> byDeletion = new HashMap<>();
    private final Map<String, List<SourcedInvoice>> byDigits = new HashMap<>();
    private final Map<String, List<SourcedInvoice>> byPhone = new HashMap<>();
    private final Map<Money, Map<String, List<SourcedInvoice>>> byAmountAndWord = new HashMap<>();
    private final Map<String, String> numbers = new HashMap<>();

    InvoiceIndex(List<SourcedInvoice> invoices) {
        for (SourcedInvoice sourced : invoices) {
            String number = References.normalize(sourced.invoice().invoiceNumber());
            if (number != null) {
                numbers.put(sourced.key(), number);
                add(byNumber, number, sourced);
                References.deletions(number).forEach(d -> add(byDeletion, d, sourced));
                String digits = References.digits(number);
                if (digits != null && digits.length() >= 3) {
                    add(byDigits, digits, sourced);
                }
            }
            if (sourced.invoice().contactPhone() != null) {
                add(byPhone, sourced.invoice().contactPhone(), sourced);
            }
            Map<String, List<SourcedInvoice>> words = byAmountAndWord.computeIfAbsent(
                    Money.of(sourced.invoice().currency(), sourced.invoice().amountDue()), k -> new HashMap<>());
            for (String word : Names.words(sourced.invoice().contactName())) {
                if (word.length() > 1) {
                    add(words, word, sourced);
                }
            }
        }
    }

    String number(SourcedInvoice invoice) {
        return numbers.get(invoice.key());
    }

    List<SourcedInvoice> exact(String token) {
        return byNumber.getOrDefault(token, List.of());
    }

    List<SourcedInvoice> byDigits(String digits) {
        return byDigits.getOrDefault(digits, List.of());
    }

    List<SourcedInvoice> byPhone(String phone) {
        return phone == null ? List.of() : byPhone.getOrDefault(phone, List.of());
    }

    /** Invoices whose number is one typo (wrong, missing, extra or swapped character) from {@code token}. */
    Set<SourcedInvoice> oneTypoFrom(String token) {
        Set<SourcedInvoice> found = new LinkedHashSet<>();
        List<String> keys = new ArrayList<>(References.deletions(token));
        keys.forEach(k -> found.addAll(byNumber.getOrDefault(k, List.of())));
        keys.add(token);
        keys.forEach(k -> found.addAll(byDeletion.getOrDefault(k, List.of())));
        found.removeIf(invoice -> !withinOneEdit(token, number(invoice)));
        return found;
    }

    /** Invoices of exactly this amount whose contact shares a name word with {@code payer}. */
    Set<SourcedInvoice> sameAmountAndNameWord(Money amount, String payer) {
        Map<String, List<SourcedInvoice>> words = byAmountAndWord.get(amount);
        Set<SourcedInvoice> found = new LinkedHashSet<>();
        if (words != null) {
            for (String word : Names.words(payer)) {
                found.addAll(words.getOrDefault(word, List.of()));
            }
        }
        return found;
    }

    /** Optimal string alignment distance ≤ 1, without the full table: one pass. */
    static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < la
                    && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return la > lb
                ? a.substring(i + 1).equals(b.substring(i))
                : a.substring(i).equals(b.substring(i + 1));
    }

    private static void add(Map<String, List<SourcedInvoice>> map, String key, SourcedInvoice invoice) {
        List<SourcedInvoice> list = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (list.isEmpty() || list.get(list.size() - 1) != invoice) {
            list.add(invoice);
        }
    }
}
