package io.chatbridge.importer;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which author of the exports is the business, and says why: never a silent guess. In order:
 * the name the user gave; an author that is the business number; the author present in the most
 * one-to-one chats (a business's phone exports many chats, each with itself in it); with one chat
 * only, its most frequent author, flagged as a guess.
 *
 * <p>When the business number is given, an author shown as another phone number is someone else (an
 * unsaved contact) and never the business. Ties go to an author shown by name (the exporting phone shows
 * its own messages under its profile name), then to the first name in alphabetical order, so the same
 * files always give the same answer.
 */
final class BusinessSide {

    private BusinessSide() {}

    record Decision(String author, String reason) {}

    static Decision decide(List<Map<String, Integer>> authorsPerFile, String businessAuthor, String businessNumber) {
        if (businessAuthor != null && !businessAuthor.isBlank()) {
            String name = businessAuthor.trim();
            boolean present = authorsPerFile.stream().anyMatch(a -> a.containsKey(name));
            return new Decision(
                    name,
                    present
                            ? "given with --business-author"
                            : "given with --business-author, but no message is from that author: every message is imported as the customer's");
        }
        String digits = Phones.digits(businessNumber);
        if (!digits.isEmpty()) {
            for (Map<String, Integer> authors : authorsPerFile) {
                for (String author : authors.keySet()) {
                    if (Phones.looksLikeNumber(author) && Phones.sameNumber(author, businessNumber)) {
                        return new Decision(author, "an author is the business number given with --business-number");
                    }
                }
            }
        }
        return mostPresent(
                authorsPerFile,
                !digits.isEmpty(),
                digits.isEmpty()
                        ? ""
                        : "no author is the business number (exports show "
                                + "the business's own messages under its profile name); ");
    }

    /** @param numbersAreCustomers the business number is known, so any other number is not the business */
    private static Decision mostPresent(
            List<Map<String, Integer>> authorsPerFile, boolean numbersAreCustomers, String prefix) {
        Map<String, Integer> chats = new HashMap<>();
        Map<String, Integer> messages = new HashMap<>();
        int oneToOne = oneToOneCount(authorsPerFile);
        boolean excluded = false;
        int total = 0;
        for (Map<String, Integer> authors : authorsPerFile) {
            if (authors.size() != 2 && oneToOne > 0) {
                continue; // group chats count only when there is no one-to-one chat
            }
            for (Map.Entry<String, Integer> author : authors.entrySet()) {
                total += author.getValue();
                if (numbersAreCustomers && Phones.looksLikeNumber(author.getKey())) {
                    excluded = true;
                    continue;
                }
                chats.merge(author.getKey(), 1, Integer::sum);
                messages.merge(author.getKey(), author.getValue(), Integer::sum);
            }
        }
        Comparator<String> rank = Comparator.<String>comparingInt(chats::get)
                .thenComparingInt(messages::get)
                .thenComparing(author -> !Phones.looksLikeNumber(author))
                .thenComparing(Comparator.<String>reverseOrder());
        String best = chats.keySet().stream().max(rank).orElse(null);
        if (best == null) {
            return new Decision(
                    null,
                    prefix
                            + (excluded
                                    ? "every author is another phone number, so none is the business: "
                                    : "no author found: ")
                            + "every message is imported as the customer's");
        }
        String how = oneToOne > 1 && chats.get(best) > 1
                ? "is in " + chats.get(best) + " of " + oneToOne + " one-to-one chats"
                : "wrote the most messages (" + messages.get(best) + " of " + total + ") in "
                        + (oneToOne > 0 ? "the one-to-one chat" : "the group chats") + " — a guess";
        return new Decision(best, prefix + "inferred: " + how + "; if wrong, re-run with --business-author \"<name>\"");
    }

    private static int oneToOneCount(List<Map<String, Integer>> authorsPerFile) {
        return (int) authorsPerFile.stream().filter(a -> a.size() == 2).count();
    }
}
