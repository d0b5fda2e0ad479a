package io.chatbridge.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which author of the exports is the business, and says why: never a silent guess. In order:
 * the name the user gave; an author that is the business number; the author present in the most
 * one-to-one chats (a business's phone exports many chats, each with itself in it); with one chat
 * only, its most frequent author, flagged as a guess.
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
                    if (Phones.looksLikeNumber(author) && Phones.digits(author).equals(digits)) {
                        return new Decision(author, "an author is the business number given with --business-number");
                    }
                }
            }
        }
        return mostPresent(
                authorsPerFile,
                digits.isEmpty()
                        ? ""
                        : "no author is the business number (exports show "
                                + "the business's own messages under its profile name); ");
    }

    private static Decision mostPresent(List<Map<String, Integer>> authorsPerFile, String prefix) {
        Map<String, Integer> chats = new HashMap<>();
        Map<String, Integer> messages = new HashMap<>();
        int oneToOne = 0;
        for (Map<String, Integer> authors : authorsPerFile) {
            boolean single = authors.size() == 2;
            oneToOne += single ? 1 : 0;
            for (Map.Entry<String, Integer> author : authors.entrySet()) {
                if (single || oneToOneCount(authorsPerFile) == 0) {
                    chats.merge(author.getKey(), 1, Integer::sum);
                    messages.merge(author.getKey(), author.getValue(), Integer::sum);
                }
            }
        }
        String best = null;
        for (String author : chats.keySet()) {
            if (best == null
                    || chats.get(author) > chats.get(best)
                    || (chats.get(author).equals(chats.get(best)) && messages.get(author) > messages.get(best))) {
                best = author;
            }
        }
        if (best == null) {
            return new Decision(null, prefix + "no author found: every message is imported as the customer's");
        }
        int total = messages.values().stream().mapToInt(Integer::intValue).sum();
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
