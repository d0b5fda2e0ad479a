package io.chatbridge.connector.hubspot;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Who answers a lead when a team shares one WhatsApp number: the owner named for a keyword the
 * customer used, else the owner of the business number the customer wrote to, else the next owner in
 * the round-robin list. An owner who is away on the day is skipped at every step.
 *
 * @param roundRobin owners taking turns (HubSpot owner ids or e-mails)
 * @param keywords a word or phrase (lower case) to the owner who handles it
 * @param businessNumbers a business number's digits (or phone_number_id) to its owner
 * @param away owner to the date ranges they are away
 */
public record OwnerRule(
        List<String> roundRobin,
        Map<String, String> keywords,
        Map<String, String> businessNumbers,
        Map<String, List<DateRange>> away) {

    /** A range of days, both ends included. */
    public record DateRange(LocalDate from, LocalDate to) {
        boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /** The owner picked and the step that picked it ({@code keyword:wedding}, {@code number}, {@code round-robin}). */
    public record Pick(String owner, String reason) {}

    public static final OwnerRule NONE = new OwnerRule(List.of(), Map.of(), Map.of(), Map.of());

    public OwnerRule {
        roundRobin = List.copyOf(roundRobin);
        keywords = Map.copyOf(keywords);
        businessNumbers = Map.copyOf(businessNumbers);
        away = Map.copyOf(away);
    }

    public boolean isEmpty() {
        return roundRobin.isEmpty() && keywords.isEmpty() && businessNumbers.isEmpty();
    }

    /**
     * @param text what the customer wrote and the record's values, lower case
     * @param businessNumber the number (or phone_number_id) the customer wrote to, or null
     * @param nextTurn the shared round-robin counter, advanced only when the round-robin step is reached
     */
    public Optional<Pick> pick(String text, String businessNumber, LocalDate day, LongSupplier nextTurn) {
        Optional<Pick> byKeyword = keywords.entrySet().stream()
                .filter(e -> containsWord(text, e.getKey()) && present(e.getValue(), day))
                .sorted(Map.Entry.comparingByKey())
                .findFirst()
                .map(e -> new Pick(e.getValue(), "keyword:" + e.getKey()));
        if (byKeyword.isPresent()) {
            return byKeyword;
        }
        String owner = businessNumber == null ? null : businessNumbers.get(businessNumber);
        if (owner != null && present(owner, day)) {
            return Optional.of(new Pick(owner, "number"));
        }
        List<String> available =
                roundRobin.stream().filter(o -> present(o, day)).toList();
        if (available.isEmpty()) {
            return Optional.empty();
        }
        long turn = nextTurn.getAsLong();
        return Optional.of(new Pick(available.get((int) Math.floorMod(turn, (long) available.size())), "round-robin"));
    }

    /** Whether the owner is not away on {@code day}. */
    public boolean present(String owner, LocalDate day) {
        return away.getOrDefault(owner, List.of()).stream().noneMatch(r -> r.contains(day));
    }

    private static boolean containsWord(String text, String phrase) {
        int at = text.indexOf(phrase);
        while (at >= 0) {
            int end = at + phrase.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            at = text.indexOf(phrase, at + 1);
        }
        return false;
    }
}
