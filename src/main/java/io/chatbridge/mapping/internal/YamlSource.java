package io.chatbridge.mapping.internal;

import io.chatbridge.mapping.MappingProblem;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads values out of one YAML file's node tree, recording every problem with the file, line and
 * column of the node it is about, so one pass reports everything wrong rather than the first thing.
 */
public final class YamlSource {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(d|h|m|s)");

    private final String file;
    private final Function<String, String> env;
    private final List<MappingProblem> problems = new ArrayList<>();

    public YamlSource(String file, Function<String, String> env) {
        this.file = file;
        this.env = env;
    }

    public String file() {
        return file;
    }

    public List<MappingProblem> problems() {
        return problems;
    }

    public void problem(Node node, String message) {
        if (node == null) {
            problems.add(new MappingProblem(file, 0, 0, message));
        } else {
            problems.add(new MappingProblem(
                    file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, message));
        }
    }

    public void problemAt(int line, int column, String message) {
        problems.add(new MappingProblem(file, line, column, message));
    }

    /**
     * The entries of a mapping node by key; unknown keys are reported with a suggestion, repeated keys
     * too. Returns an empty map (after reporting) when the node is not a mapping.
     */
    public Map<String, Node> entries(Node node, Collection<String> known, String where) {
        Map<String, Node> result = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem(node, where + " should be a set of `key: value` lines");
            return result;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                problem(keyNode, "a key in " + where + " is not a plain word");
            } else if (result.containsKey(key)) {
                problem(keyNode, "`" + key + "` appears twice in " + where + "; keep one");
            } else if (known != null && !known.contains(key)) {
                problem(keyNode, "unknown key `" + key + "` in " + where + Suggestions.didYouMean(key, known));
            } else {
                result.put(key, tuple.getValueNode());
            }
        }
        return result;
    }

    /** Key nodes of a mapping, for messages that point at a key rather than its value. */
    public Map<String, Node> keyNodes(Node node) {
        Map<String, Node> result = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(t -> {
                if (t.getKeyNode() instanceof ScalarNode s) {
                    result.putIfAbsent(s.getValue(), s);
                }
            });
        }
        return result;
    }

    public Optional<String> text(Node node, String what) {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, what + " should be a single value");
            return Optional.empty();
        }
        if ("tag:yaml.org,2002:null".equals(scalar.getTag().getValue())) {
            return Optional.empty();
        }
        return Optional.of(substitute(scalar));
    }

    public boolean bool(Node node, String what, boolean otherwise) {
        return text(node, what)
                .map(v -> switch (v.toLowerCase()) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> {
                        problem(node, what + " should be `true` or `false`, not `" + v + "`");
                        yield otherwise;
                    }
                })
                .orElse(otherwise);
    }

    public BigDecimal number(Node node, String what) {
        Optional<String> value = text(node, what);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value.get().trim());
        } catch (NumberFormatException e) {
            problem(node, what + " should be a number, not `" + value.get() + "`");
            return null;
        }
    }

    public Duration duration(Node node, String what, Duration otherwise) {
        Optional<String> value = text(node, what);
        if (value.isEmpty()) {
            return otherwise;
        }
        Matcher m = DURATION.matcher(value.get().trim());
        if (!m.matches()) {
            problem(node, what + " should be a duration such as `48h`, `90m` or `2d`, not `" + value.get() + "`");
            return otherwise;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A list of values; a single value is taken as a list of one. */
    public List<String> texts(Node node, String what) {
        List<String> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                text(item, "each entry of " + what).ifPresent(result::add);
            }
        } else {
            text(node, what).ifPresent(result::add);
        }
        return result;
    }

    /** The plain Java form of a node (maps, lists, strings), for sections read by other modules. */
    public Object plain(Node node) {
        if (node instanceof MappingNode) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries(node, null, "this section").forEach((k, v) -> map.put(k, plain(v)));
            return map;
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(this::plain).toList();
        }
        return text(node, "value").orElse(null);
    }

    private String substitute(ScalarNode scalar) {
        String value = scalar.getValue();
        if (!value.contains("${")) {
            return value;
        }
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = env.apply(m.group(1));
            if (found == null && m.group(2) == null) {
                problem(
                        scalar,
                        "environment variable `" + m.group(1) + "` is not set; set it or write `${" + m.group(1)
                                + ":a default}`");
                found = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(found != null ? found : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
