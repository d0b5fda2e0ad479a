package io.chatbridge.mapping.internal;

import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import io.chatbridge.mapping.MatchRules;
import io.chatbridge.mapping.RecordTypeMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Turns the node tree of one {@code <type>.yaml} into a {@link RecordTypeMapping}, reporting what is wrong. */
public final class RecordTypeParser {

    public static final List<String> TOP_KEYS = List.of(
            "type",
            "id-prefix",
            "description",
            "match",
            "fields",
            "business-key",
            "window",
            "connectors",
            "automations");
    public static final List<String> MATCH_KEYS = List.of("keywords", "patterns", "exclude");
    public static final List<String> FIELD_KEYS = List.of(
            "type",
            "required",
            "owner",
            "min",
            "max",
            "pattern",
            "cues",
            "patterns",
            "values",
            "ask",
            "fallback",
            "format",
            "description");
    public static final List<String> OWNERS = List.of("chat", "sheets", "excel", "hubspot", "xero", "admin");
    public static final List<String> FALLBACKS =
            List.of("customer-phone", "business-currency", "message-date", "profile-name");
    public static final List<String> FORMATS = List.of("name", "lowercase", "as-written");
    public static final List<String> CONNECTORS = List.of("log", "sheets", "excel", "hubspot", "xero", "whatsapp");

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern ID_PREFIX = Pattern.compile("[A-Z]{2,4}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}|any");
    private static final Set<FieldType> NUMERIC = Set.of(FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY);

    private final YamlSource src;

    public RecordTypeParser(YamlSource src) {
        this.src = src;
    }

    public Optional<RecordTypeMapping> parse(Node root) {
        Map<String, Node> top = src.entries(root, TOP_KEYS, "the file");
        String type = required(top, "type", root).orElse(null);
        if (type != null && !TYPE_NAME.matcher(type).matches()) {
            src.problem(top.get("type"), "type `" + type + "` should be lowercase letters, digits, `-` or `_`");
        }
        String prefix = required(top, "id-prefix", root).orElse(null);
        if (prefix != null && !ID_PREFIX.matcher(prefix).matches()) {
            src.problem(top.get("id-prefix"), "id-prefix `" + prefix + "` should be 2 to 4 capital letters, like `BK`");
        }
        MatchRules match = match(top.get("match"));
        Map<String, FieldMapping> fields = fields(top.get("fields"), root);
        List<String> key = businessKey(top.get("business-key"), fields);
        var window = src.duration(top.get("window"), "window", RecordTypeMapping.DEFAULT_WINDOW);
        var connectors = connectors(top.get("connectors"));
        var automations = new AutomationsParser(
                        src, fields, src.keyNodes(top.get("fields")).keySet())
                .parse(top.get("automations"));
        if (type == null || prefix == null) {
            return Optional.empty();
        }
        return Optional.of(
                new RecordTypeMapping(type, prefix, match, fields, key, window, connectors, src.file(), automations));
    }

    private Optional<String> required(Map<String, Node> top, String key, Node root) {
        if (!top.containsKey(key)) {
            src.problem(root, "the file has no `" + key + ":`; add one");
            return Optional.empty();
        }
        return src.text(top.get(key), "`" + key + "`");
    }

    private MatchRules match(Node node) {
        if (node == null) {
            src.problem(null, "the file has no `match:` section, so no message would ever be recognised");
            return new MatchRules(Map.of(), List.of(), Map.of());
        }
        Map<String, Node> m = src.entries(node, MATCH_KEYS, "`match`");
        Map<String, List<String>> keywords = perLanguage(m.get("keywords"), "`match.keywords`");
        List<String> patterns = patterns(m.get("patterns"), "`match.patterns`");
        if (keywords.isEmpty() && patterns.isEmpty()) {
            src.problem(node, "`match` needs `keywords` or `patterns`, or no message would ever be recognised");
        }
        return new MatchRules(keywords, patterns, perLanguage(m.get("exclude"), "`match.exclude`"));
    }

    private Map<String, FieldMapping> fields(Node node, Node root) {
        Map<String, FieldMapping> fields = new LinkedHashMap<>();
        if (node == null) {
            src.problem(root, "the file has no `fields:` section; a record type needs at least one field");
            return fields;
        }
        Map<String, Node> keys = src.keyNodes(node);
        src.entries(node, null, "`fields`").forEach((name, value) -> {
            if (!FIELD_NAME.matcher(name).matches()) {
                src.problem(keys.get(name), "field name `" + name + "` should be lowercase letters, digits or `_`");
            }
            field(name, value).ifPresent(f -> fields.put(name, f));
        });
        return fields;
    }

    private Optional<FieldMapping> field(String name, Node node) {
        String where = "field `" + name + "`";
        Map<String, Node> f = src.entries(node, FIELD_KEYS, where);
        if (!(node instanceof MappingNode)) {
            return Optional.empty();
        }
        FieldType type = fieldType(name, f.get("type"), node);
        List<String> owners = owners(f.get("owner"), where);
        String fallback =
                oneOf(f.get("fallback"), where + " has fallback", FALLBACKS).orElse(null);
        String format = oneOf(f.get("format"), where + " has format", FORMATS).orElse("as-written");
        BigDecimal min = src.number(f.get("min"), where + " `min`");
        BigDecimal max = src.number(f.get("max"), where + " `max`");
        if ((min != null || max != null) && type != null && !NUMERIC.contains(type)) {
            src.problem(
                    f.containsKey("min") ? f.get("min") : f.get("max"),
                    where + " is `" + type.yamlName() + "`; `min` and `max` apply only to numbers");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            src.problem(f.get("min"), where + " has `min` " + min + " above `max` " + max);
        }
        String pattern = src.text(f.get("pattern"), where + " `pattern`").orElse(null);
        if (pattern != null) {
            checkRegex(f.get("pattern"), pattern, where + " `pattern`");
        }
        Map<String, List<String>> values = values(f.get("values"), where);
        if (type == FieldType.ENUM && values.isEmpty()) {
            src.problem(node, where + " is an `enum` but lists no `values`");
        }
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new FieldMapping(
                name,
                type,
                src.bool(f.get("required"), where + " `required`", false),
                owners,
                min,
                max,
                pattern,
                perLanguage(f.get("cues"), where + " `cues`"),
                patterns(f.get("patterns"), where + " `patterns`"),
                values,
                asks(f.get("ask"), where),
                fallback,
                format));
    }

    private FieldType fieldType(String name, Node typeNode, Node fieldNode) {
        if (typeNode == null) {
            src.problem(
                    fieldNode,
                    "field `" + name + "` has no `type`; use one of " + String.join(", ", FieldType.yamlNames()));
            return null;
        }
        String typed = src.text(typeNode, "field `" + name + "` `type`").orElse("");
        return FieldType.fromYaml(typed).orElseGet(() -> {
            src.problem(
                    typeNode,
                    "field `" + name + "` has type `" + typed + "`"
                            + Suggestions.closest(typed, FieldType.yamlNames())
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse("; use one of " + String.join(", ", FieldType.yamlNames())));
            return null;
        });
    }

    /** {@code owner: sheets} or {@code owner: [sheets, excel, hubspot]}: the sides that may change a field. */
    private List<String> owners(Node node, String where) {
        if (node == null) {
            return List.of("chat");
        }
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<String> owners = new ArrayList<>();
        for (Node item : items) {
            oneOf(item, where + " has owner", OWNERS).ifPresent(owner -> {
                if (!owners.contains(owner)) {
                    owners.add(owner);
                }
            });
        }
        if (owners.isEmpty() && items.isEmpty()) {
            src.problem(node, where + " has an empty `owner` list; leave `owner` out for chat, or name a side");
        }
        return owners.isEmpty() ? List.of("chat") : List.copyOf(owners);
    }

    private Optional<String> oneOf(Node node, String what, List<String> allowed) {
        Optional<String> value = src.text(node, what);
        if (value.isPresent() && !allowed.contains(value.get())) {
            src.problem(
                    node,
                    what + " `" + value.get() + "`"
                            + Suggestions.closest(value.get(), allowed)
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse("; use one of " + String.join(", ", allowed)));
            return Optional.empty();
        }
        return value;
    }

    private List<String> businessKey(Node node, Map<String, FieldMapping> fields) {
        List<String> key = src.texts(node, "`business-key`");
        if (node == null) {
            src.problem(
                    null,
                    "the file has no `business-key:`; list the fields that identify a record, e.g. [phone, event_date]");
        }
        List<Node> items =
                node instanceof SequenceNode seq ? seq.getValue() : java.util.Collections.nCopies(key.size(), node);
        for (int i = 0; i < key.size(); i++) {
            if (!fields.isEmpty() && !fields.containsKey(key.get(i))) {
                src.problem(
                        items.get(i),
                        "business-key names `" + key.get(i) + "`, which is not a field"
                                + Suggestions.didYouMean(key.get(i), fields.keySet()));
            }
        }
        return key;
    }

    private Map<String, Map<String, Object>> connectors(Node node) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        if (node == null) {
            src.problem(null, "the file has no `connectors:` section; add at least `log: {}` so records go somewhere");
            return result;
        }
        src.entries(node, CONNECTORS, "`connectors`").forEach((name, value) -> {
            Object plain = src.plain(value);
            if (plain == null) {
                result.put(name, Map.of());
            } else if (plain instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> settings = (Map<String, Object>) map;
                result.put(name, settings);
            } else {
                src.problem(
                        value, "connector `" + name + "` should have settings written as `key: value` lines, or `{}`");
            }
        });
        return result;
    }

    private Map<String, List<String>> perLanguage(Node node, String what) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (node instanceof SequenceNode || node instanceof ScalarNode) {
            result.put("any", src.texts(node, what));
            return result;
        }
        Map<String, Node> keys = src.keyNodes(node);
        src.entries(node, null, what).forEach((lang, value) -> {
            if (!LANGUAGE.matcher(lang).matches()) {
                src.problem(
                        keys.get(lang),
                        what + " has language `" + lang + "`; use a two-letter code such as `en`, `es`, `pt`");
            }
            result.put(lang, src.texts(value, what + " `" + lang + "`"));
        });
        return result;
    }

    private Map<String, List<String>> values(Node node, String where) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (node instanceof SequenceNode) {
            src.texts(node, where + " `values`").forEach(v -> result.put(v, List.of(v)));
        } else if (node != null) {
            src.entries(node, null, where + " `values`").forEach((canonical, synonyms) -> {
                List<String> phrases =
                        new java.util.ArrayList<>(src.texts(synonyms, where + " `values." + canonical + "`"));
                if (phrases.isEmpty()) {
                    phrases.add(canonical.replace('_', ' '));
                }
                result.put(canonical, phrases);
            });
        }
        return result;
    }

    private Map<String, String> asks(Node node, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node instanceof ScalarNode) {
            src.text(node, where + " `ask`").ifPresent(q -> result.put("any", q));
        } else if (node != null) {
            src.entries(node, null, where + " `ask`").forEach((lang, q) -> src.text(q, where + " `ask." + lang + "`")
                    .ifPresent(text -> result.put(lang, text)));
        }
        return result;
    }

    private List<String> patterns(Node node, String what) {
        List<String> patterns = src.texts(node, what);
        List<Node> items = node instanceof SequenceNode seq
                ? seq.getValue()
                : java.util.Collections.nCopies(patterns.size(), node);
        for (int i = 0; i < patterns.size(); i++) {
            checkRegex(items.get(i), patterns.get(i), what);
        }
        return patterns;
    }

    private void checkRegex(Node node, String regex, String what) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            int quote = node instanceof ScalarNode s && s.getScalarStyle().getChar() != null ? 1 : 0;
            int column = node.getStartMark().getColumn() + 1 + quote + Math.max(0, e.getIndex());
            src.problemAt(
                    node.getStartMark().getLine() + 1,
                    column,
                    what + " has a broken pattern `" + regex + "`: " + e.getDescription());
        }
    }
}
