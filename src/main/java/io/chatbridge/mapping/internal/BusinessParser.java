package io.chatbridge.mapping.internal;

import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.BusinessProfile.OpeningHours;
import io.chatbridge.mapping.MappingSet;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code business.yaml}: one entry per WhatsApp phone_number_id plus a {@code default} entry whose
 * settings the others inherit when they leave something out.
 */
public final class BusinessParser {

    public static final List<String> KEYS = List.of(
            "name",
            "display-number",
            "zone",
            "locale",
            "currency",
            "languages",
            "working-hours",
            "holidays",
            "owner-number",
            "auto-reply",
            "digest");
    public static final List<String> DIGEST_KEYS = List.of("at", "template", "language");
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private static final Pattern SPAN = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    private final YamlSource src;

    public BusinessParser(YamlSource src) {
        this.src = src;
    }

    public Map<String, BusinessProfile> parse(Node root) {
        Map<String, BusinessProfile> result = new LinkedHashMap<>();
        Map<String, Node> entries = src.entries(root, null, "business.yaml");
        Node defaultNode = entries.get(MappingSet.DEFAULT_BUSINESS);
        if (defaultNode == null) {
            src.problem(root, "business.yaml has no `default:` entry; add one with zone, locale and currency");
            return result;
        }
        BusinessProfile fallback = new BusinessProfile(
                "default",
                "",
                "",
                ZoneId.of("UTC"),
                Locale.UK,
                "GBP",
                List.of("en"),
                Map.of(),
                List.of(),
                null,
                Map.of(),
                null);
        BusinessProfile defaults = profile(MappingSet.DEFAULT_BUSINESS, defaultNode, fallback);
        result.put(MappingSet.DEFAULT_BUSINESS, defaults);
        entries.forEach((id, node) -> {
            if (!id.equals(MappingSet.DEFAULT_BUSINESS)) {
                result.put(id, profile(id, node, defaults));
            }
        });
        return result;
    }

    private BusinessProfile profile(String id, Node node, BusinessProfile inherit) {
        String where = "business `" + id + "`";
        Map<String, Node> e = src.entries(node, KEYS, where);
        return new BusinessProfile(
                id,
                src.text(e.get("name"), where + " `name`").orElse(inherit.name()),
                src.text(e.get("display-number"), where + " `display-number`").orElse(inherit.displayNumber()),
                zone(e.get("zone"), where).orElse(inherit.zone()),
                locale(e.get("locale"), where).orElse(inherit.locale()),
                currency(e.get("currency"), where).orElse(inherit.currency()),
                e.containsKey("languages")
                        ? src.texts(e.get("languages"), where + " `languages`")
                        : inherit.languages(),
                e.containsKey("working-hours") ? hours(e.get("working-hours"), where) : inherit.workingHours(),
                e.containsKey("holidays") ? holidays(e.get("holidays"), where) : inherit.holidays(),
                ownerNumber(e.get("owner-number"), where).orElse(inherit.ownerNumber()),
                e.containsKey("auto-reply") ? autoReply(e.get("auto-reply"), where) : inherit.autoReply(),
                e.containsKey("digest") ? digest(e.get("digest"), where) : inherit.digest());
    }

    private Map<String, String> autoReply(Node node, String where) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            src.text(node, where + " `auto-reply`")
                    .filter(t -> !t.equals("false") && !t.equals("off"))
                    .ifPresent(t -> texts.put("any", t));
        } else {
            src.entries(node, null, where + " `auto-reply`")
                    .forEach((lang, text) ->
                            src.text(text, where + " `auto-reply." + lang + "`").ifPresent(t -> texts.put(lang, t)));
        }
        return texts;
    }

    private BusinessProfile.Digest digest(Node node, String where) {
        Map<String, Node> d = src.entries(node, DIGEST_KEYS, where + " `digest`");
        Optional<String> at = src.text(d.get("at"), where + " `digest.at`");
        if (at.isEmpty()) {
            src.problem(node, where + " `digest` needs `at:`, the time it is sent, like `08:00`");
            return null;
        }
        try {
            return new BusinessProfile.Digest(
                    time(at.get().trim()),
                    src.text(d.get("template"), where + " `digest.template`").orElse(null),
                    src.text(d.get("language"), where + " `digest.language`").orElse("en"));
        } catch (DateTimeException e) {
            src.problem(d.get("at"), where + " `digest.at` should be a time like `08:00`, not `" + at.get() + "`");
            return null;
        }
    }

    private Optional<ZoneId> zone(Node node, String where) {
        return src.text(node, where + " `zone`").flatMap(z -> {
            try {
                return Optional.of(ZoneId.of(z));
            } catch (DateTimeException e) {
                src.problem(
                        node,
                        where + " has zone `" + z + "`, which is not a time zone"
                                + Suggestions.didYouMean(z, ZoneId.getAvailableZoneIds())
                                + " (zones look like `Europe/London`)");
                return Optional.empty();
            }
        });
    }

    private Optional<Locale> locale(Node node, String where) {
        return src.text(node, where + " `locale`").flatMap(l -> {
            Locale locale = Locale.forLanguageTag(l.replace('_', '-'));
            if (locale.getLanguage().isEmpty() || locale.getCountry().isEmpty()) {
                src.problem(
                        node, where + " has locale `" + l + "`; write language and country, like `en-GB` or `pt-BR`");
                return Optional.empty();
            }
            return Optional.of(locale);
        });
    }

    private Optional<String> currency(Node node, String where) {
        return src.text(node, where + " `currency`").flatMap(c -> {
            try {
                return Optional.of(Currency.getInstance(c).getCurrencyCode());
            } catch (IllegalArgumentException e) {
                src.problem(
                        node,
                        where + " has currency `" + c + "`; use a three-letter ISO code such as `GBP`, `EUR`, `BRL`");
                return Optional.empty();
            }
        });
    }

    private Optional<String> ownerNumber(Node node, String where) {
        return src.text(node, where + " `owner-number`")
                .filter(n -> !n.isBlank())
                .flatMap(n -> {
                    String compact = n.replaceAll("[\\s()-]", "");
                    if (!E164.matcher(compact).matches()) {
                        src.problem(
                                node,
                                where + " has owner-number `" + n
                                        + "`; write it with the country code, like `+447700900123`");
                        return Optional.empty();
                    }
                    return Optional.of(compact);
                });
    }

    private Map<DayOfWeek, List<OpeningHours>> hours(Node node, String where) {
        Map<DayOfWeek, List<OpeningHours>> result = new EnumMap<>(DayOfWeek.class);
        src.entries(node, DAYS, where + " `working-hours`").forEach((day, value) -> {
            List<OpeningHours> spans = new ArrayList<>();
            for (String span : src.texts(value, where + " `working-hours." + day + "`")) {
                if (!span.equalsIgnoreCase("closed")) {
                    span(span, value, where).ifPresent(spans::add);
                }
            }
            result.put(DayOfWeek.of(DAYS.indexOf(day) + 1), spans);
        });
        return result;
    }

    private Optional<OpeningHours> span(String span, Node node, String where) {
        Matcher m = SPAN.matcher(span.trim());
        try {
            if (m.matches()) {
                return Optional.of(new OpeningHours(time(m.group(1)), time(m.group(2))));
            }
        } catch (DateTimeException ignored) {
            // reported below
        }
        src.problem(node, where + " has opening hours `" + span + "`; write them like `09:00-18:00` or `closed`");
        return Optional.empty();
    }

    private static LocalTime time(String hhmm) {
        return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
    }

    private List<LocalDate> holidays(Node node, String where) {
        List<LocalDate> days = new ArrayList<>();
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        for (Node item : items) {
            src.text(item, where + " `holidays`").ifPresent(d -> {
                try {
                    days.add(LocalDate.parse(d));
                } catch (DateTimeException e) {
                    src.problem(item, where + " has holiday `" + d + "`; write dates like `2026-12-25`");
                }
            });
        }
        return days;
    }
}
