package io.chatbridge.connector.hubspot;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code connectors.hubspot} section of a mapping into a {@link HubSpotBinding}, with messages
 * an admin understands. {@code ${NAME}} placeholders (owner ids, pipeline) come from the environment.
 *
 * <pre>
 * hubspot:
 *   contact-id: whatsapp_id
 *   contact-properties: {firstname: customer_name, phone: phone}
 *   deal:
 *     name: "{item} – {customer_name} – {event_date}"
 *     pipeline: default
 *     stages: {new: appointmentscheduled, confirmed: contractsent, cancelled: closedlost}
 *     properties: {amount: total}
 *   owners:
 *     keywords: {wedding: "101"}
 *     business-numbers: {"15550783881": "102"}
 *     round-robin: ["101", "102"]
 *     away: {"101": ["2026-12-20/2027-01-02"]}
 *   owner-field: hubspot_owner
 *   notes: true
 * </pre>
 */
public final class HubSpotBindingParser {

    /** A parse: the binding (absent while broken) and the problems found. */
    public record Result(Optional<HubSpotBinding> binding, List<String> problems) {}

    private static final Set<String> KEYS =
            Set.of("contact-id", "contact-properties", "deal", "owners", "owner-field", "notes");
    private static final Set<String> DEAL_KEYS = Set.of("name", "pipeline", "stages", "properties");
    private static final Set<String> OWNER_KEYS = Set.of("round-robin", "keywords", "business-numbers", "away");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");
    private static final Pattern TEMPLATE_FIELD = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    private final UnaryOperator<String> environment;

    public HubSpotBindingParser(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** @param fields the mapping's field names */
    public Result parse(String type, Map<String, Object> settings, Set<String> fields) {
        List<String> problems = new ArrayList<>();
        String where = "mapping '" + type + "', connectors.hubspot: ";
        unknown(settings, KEYS, where, problems);
        Map<String, Object> deal = map(settings.get("deal"), where + "`deal`", problems);
        unknown(deal, DEAL_KEYS, where + "deal: ", problems);
        Map<String, Object> ownerSettings = map(settings.get("owners"), where + "`owners`", problems);
        unknown(ownerSettings, OWNER_KEYS, where + "owners: ", problems);
        Map<String, String> contactProperties =
                fieldMap(settings.get("contact-properties"), where + "contact-properties", fields, problems);
        Map<String, String> dealProperties =
                fieldMap(deal.get("properties"), where + "deal.properties", fields, problems);
        String dealName = Optional.ofNullable(text(deal.get("name"))).orElse("{id}");
        Matcher m = TEMPLATE_FIELD.matcher(dealName);
        while (m.find()) {
            if (!fields.contains(m.group(1)) && !Set.of("id", "status", "type").contains(m.group(1))) {
                problems.add(where + "deal.name uses `{" + m.group(1) + "}`, which the mapping does not have");
            }
        }
        String ownerField =
                Optional.ofNullable(text(settings.get("owner-field"))).orElse("hubspot_owner");
        OwnerRule owners = owners(ownerSettings, where + "owners.", problems);
        if (!owners.isEmpty() && !fields.contains(ownerField)) {
            problems.add(where + "owners are assigned but the mapping has no field `" + ownerField
                    + "` to keep the assignment in; add it with `owner: hubspot`");
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(
                Optional.of(new HubSpotBinding(
                        type,
                        Optional.ofNullable(text(settings.get("contact-id"))).orElse("whatsapp_id"),
                        contactProperties,
                        dealName,
                        Optional.ofNullable(resolve(text(deal.get("pipeline")))).orElse("default"),
                        strings(deal.get("stages")),
                        dealProperties,
                        owners,
                        ownerField,
                        !"false".equals(String.valueOf(settings.getOrDefault("notes", "true"))))),
                problems);
    }

    private OwnerRule owners(Map<String, Object> settings, String where, List<String> problems) {
        List<String> roundRobin = new ArrayList<>();
        Object list = settings.get("round-robin");
        if (list instanceof List<?> items) {
            items.stream()
                    .map(i -> resolve(String.valueOf(i)))
                    .filter(s -> !s.isBlank())
                    .forEach(roundRobin::add);
        } else if (list != null) {
            problems.add(where + "round-robin should be a list of owners, e.g. [\"101\", \"102\"]");
        }
        Map<String, String> keywords = new LinkedHashMap<>();
        strings(settings.get("keywords")).forEach((k, v) -> keywords.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, String> numbers = new LinkedHashMap<>();
        strings(settings.get("business-numbers")).forEach((k, v) -> numbers.put(k.replaceAll("[^0-9A-Za-z]", ""), v));
        keywords.values().removeIf(String::isBlank);
        numbers.values().removeIf(String::isBlank);
        Map<String, List<OwnerRule.DateRange>> away = new LinkedHashMap<>();
        if (settings.get("away") instanceof Map<?, ?> map) {
            map.forEach((owner, ranges) ->
                    away.put(resolve(String.valueOf(owner)), ranges(ranges, where + "away." + owner, problems)));
        }
        return new OwnerRule(roundRobin, keywords, numbers, away);
    }

    private static List<OwnerRule.DateRange> ranges(Object node, String where, List<String> problems) {
        List<OwnerRule.DateRange> ranges = new ArrayList<>();
        List<?> items = node instanceof List<?> l ? l : List.of(String.valueOf(node));
        for (Object item : items) {
            String[] parts = String.valueOf(item).split("/", 2);
            try {
                LocalDate from = LocalDate.parse(parts[0].trim());
                LocalDate to = parts.length > 1 ? LocalDate.parse(parts[1].trim()) : from;
                ranges.add(new OwnerRule.DateRange(from, to));
            } catch (DateTimeParseException e) {
                problems.add(where + ": `" + item + "` is not a day or a range like 2026-12-20/2027-01-02");
            }
        }
        return ranges;
    }

    private Map<String, String> strings(Object node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : resolve(String.valueOf(v))));
        }
        return result;
    }

    private Map<String, String> fieldMap(Object node, String where, Set<String> fields, List<String> problems) {
        Map<String, String> result = strings(node);
        result.forEach((property, field) -> {
            if (!fields.contains(field) && !"id".equals(field)) {
                problems.add(where + ": property `" + property + "` names field `" + field
                        + "`, which the mapping does not have");
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String where, List<String> problems) {
        if (node == null) {
            return Map.of();
        }
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problems.add(where + " should have settings written as `key: value` lines");
        return Map.of();
    }

    private static void unknown(Map<String, Object> settings, Set<String> keys, String where, List<String> problems) {
        settings.keySet().stream()
                .filter(k -> !keys.contains(k))
                .forEach(k -> problems.add(where + "unknown setting `" + k + "` (known: "
                        + String.join(", ", keys.stream().sorted().toList()) + ")"));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Replaces {@code ${NAME}} and {@code ${NAME:default}} from the environment. */
    String resolve(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = environment.apply(m.group(1));
            String replacement = found != null ? found : m.group(2) != null ? m.group(2) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
