package io.chatbridge.extract.normalize;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Month and weekday names in English, Spanish and Portuguese, folded (lower case, no accents). */
final class CalendarWords {

    static final Map<String, Integer> MONTHS = months();
    static final Map<String, DayOfWeek> WEEKDAYS = weekdays();

    /**
     * Weekday words that are ordinary words too ("sat", "sun", "wed"; pt "segunda" = second, "sexta" =
     * sixth): they count only after a modifier ("this sat", "na sexta") or with "-feira".
     */
    static final Set<String> WEEKDAYS_NEEDING_CONTEXT = Set.of(
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "segunda", "terca", "quarta",
            "quinta", "sexta");

    static final String MONTH_ALTERNATION = alternation(MONTHS.keySet());

    private CalendarWords() {}

    private static Map<String, Integer> months() {
        Map<String, Integer> m = new HashMap<>();
        put(m, "january february march april may june july august september october november december");
        put(m, "jan feb mar apr may jun jul aug sep oct nov dec");
        put(m, "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre");
        put(m, "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro");
        m.put("sept", 9);
        m.put("setiembre", 9);
        m.put("ene", 1);
        m.put("fev", 2);
        m.put("dic", 12);
        m.put("dez", 12);
        return Map.copyOf(m);
    }

    private static void put(Map<String, Integer> m, String names) {
        String[] n = names.split(" ");
        for (int i = 0; i < n.length; i++) {
            m.put(n[i], i + 1);
        }
    }

    private static Map<String, DayOfWeek> weekdays() {
        Map<String, DayOfWeek> m = new HashMap<>();
        String[] rows = {
            "monday mon lunes segunda", "tuesday tue tues martes terca", "wednesday wed miercoles quarta",
            "thursday thu thur thurs jueves quinta", "friday fri viernes sexta", "saturday sat sabado",
            "sunday sun domingo"
        };
        for (int i = 0; i < rows.length; i++) {
            for (String name : rows[i].split(" ")) {
                m.put(name, DayOfWeek.of(i + 1));
            }
        }
        return Map.copyOf(m);
    }

    static String alternation(Set<String> words) {
        return words.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.joining("|"));
    }
}
