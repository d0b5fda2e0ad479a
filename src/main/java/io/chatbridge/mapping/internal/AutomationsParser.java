package io.chatbridge.mapping.internal;

import io.chatbridge.mapping.Automations;
import io.chatbridge.mapping.Automations.Confirmation;
import io.chatbridge.mapping.Automations.FollowUps;
import io.chatbridge.mapping.Automations.Message;
import io.chatbridge.mapping.Automations.Reminders;
import io.chatbridge.mapping.Automations.Template;
import io.chatbridge.mapping.FieldMapping;
import io.chatbridge.mapping.FieldType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the {@code automations:} section of a record type, checking every placeholder against the fields. */
public final class AutomationsParser {

    public static final List<String> KEYS = List.of("confirmations", "follow-ups", "reminders");
    public static final List<String> CONFIRMATION_KEYS = List.of("when-status", "text", "template");
    public static final List<String> TEMPLATE_KEYS = List.of("name", "language", "parameters");
    public static final List<String> FOLLOW_UP_KEYS = List.of("after");
    public static final List<String> REMINDER_KEYS =
            List.of("before", "date", "time", "default-time", "text", "template", "replies", "skip-statuses");
    public static final List<String> BUILT_INS = List.of("id", "status", "type", "business");
    public static final List<String> FORMATS = List.of("date", "time");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}|]*)(?:\\|([^{}]*))?}");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]+");

    private final YamlSource src;
    private final Map<String, FieldMapping> fields;
    private final java.util.Set<String> declared;

    /**
     * @param declared every field name the file declares, including fields that failed to parse, so a
     *     typo in a field's type is reported once and not again at each placeholder that names it
     */
    public AutomationsParser(YamlSource src, Map<String, FieldMapping> fields, java.util.Set<String> declared) {
        this.src = src;
        this.fields = fields;
        this.declared = declared;
    }

    public Automations parse(Node node) {
        if (node == null || isNull(node)) {
            return Automations.NONE;
        }
        Map<String, Node> a = src.entries(node, KEYS, "`automations`");
        return new Automations(
                confirmations(a.get("confirmations")), followUps(a.get("follow-ups")), reminders(a.get("reminders")));
    }

    private List<Confirmation> confirmations(Node node) {
        List<Confirmation> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof SequenceNode seq)) {
            src.problem(
                    node, "`automations.confirmations` should be a list, each entry starting with `- when-status:`");
            return result;
        }
        for (Node item : seq.getValue()) {
            Map<String, Node> c = src.entries(item, CONFIRMATION_KEYS, "a confirmation");
            Optional<String> status = src.text(c.get("when-status"), "`when-status`");
            if (status.isEmpty()) {
                src.problem(item, "a confirmation needs `when-status:`, the status that sends it (e.g. `confirmed`)");
            }
            message(item, c, "the confirmation")
                    .ifPresent(m -> status.ifPresent(s -> result.add(new Confirmation(s, m))));
        }
        return result;
    }

    private Optional<FollowUps> followUps(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode) {
            return src.bool(node, "`follow-ups`", false) ? Optional.of(new FollowUps(Duration.ZERO)) : Optional.empty();
        }
        Map<String, Node> f = src.entries(node, FOLLOW_UP_KEYS, "`follow-ups`");
        return Optional.of(new FollowUps(src.duration(f.get("after"), "`follow-ups.after`", Duration.ZERO)));
    }

    private Optional<Reminders> reminders(Node node) {
        if (node == null) {
            return Optional.empty();
        }
        Map<String, Node> r = src.entries(node, REMINDER_KEYS, "`reminders`");
        List<Duration> before = new ArrayList<>();
        List<Node> items = r.get("before") instanceof SequenceNode seq
                ? seq.getValue()
                : r.containsKey("before") ? List.of(r.get("before")) : List.of();
        items.forEach(i ->
                Optional.ofNullable(src.duration(i, "`reminders.before`", null)).ifPresent(before::add));
        if (before.isEmpty()) {
            src.problem(node, "`reminders` needs `before:`, e.g. `[24h, 2h]`");
        }
        String date = field(r.get("date"), "`reminders.date`", FieldType.DATE, node, true);
        String time = field(r.get("time"), "`reminders.time`", FieldType.TIME, node, false);
        LocalTime defaultTime = time(r.get("default-time"));
        Map<String, String> replies = new LinkedHashMap<>();
        if (r.containsKey("replies")) {
            src.entries(r.get("replies"), null, "`reminders.replies`")
                    .forEach((answer, status) -> src.text(status, "`reminders.replies." + answer + "`")
                            .ifPresent(s -> replies.put(answer, s)));
        }
        List<String> skip = r.containsKey("skip-statuses")
                ? src.texts(r.get("skip-statuses"), "`reminders.skip-statuses`")
                : List.of("cancelled");
        Optional<Message> message = message(node, r, "`reminders`");
        if (message.isEmpty() || date == null) {
            return Optional.empty();
        }
        return Optional.of(new Reminders(before, date, time, defaultTime, message.get(), replies, skip));
    }

    private Optional<Message> message(Node owner, Map<String, Node> entries, String where) {
        Map<String, String> text = texts(entries.get("text"), where);
        Template template = template(entries.get("template"), where);
        if (text.isEmpty() && template == null) {
            src.problem(
                    owner,
                    where
                            + " needs `text:` (sent inside WhatsApp's 24-hour window), `template:` (outside it), or both");
            return Optional.empty();
        }
        return Optional.of(new Message(text, template));
    }

    private Map<String, String> texts(Node node, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node instanceof ScalarNode) {
            src.text(node, where + " `text`").ifPresent(t -> result.put("any", checked(node, t, where)));
        } else if (node != null) {
            src.entries(node, null, where + " `text`")
                    .forEach((lang, value) -> src.text(value, where + " `text." + lang + "`")
                            .ifPresent(t -> result.put(lang, checked(value, t, where))));
        }
        return result;
    }

    private Template template(Node node, String where) {
        if (node == null) {
            return null;
        }
        Map<String, Node> t = src.entries(node, TEMPLATE_KEYS, where + " `template`");
        Optional<String> name = src.text(t.get("name"), where + " `template.name`");
        if (name.isEmpty()) {
            src.problem(node, where + " `template` needs `name:`, the template's name as approved in WhatsApp Manager");
            return null;
        }
        if (!TEMPLATE_NAME.matcher(name.get()).matches()) {
            src.problem(
                    t.get("name"),
                    "template name `" + name.get()
                            + "` should be lowercase letters, digits and `_`, as WhatsApp names it");
        }
        String language =
                src.text(t.get("language"), where + " `template.language`").orElse("en");
        List<String> parameters = new ArrayList<>();
        List<Node> items = t.get("parameters") instanceof SequenceNode seq
                ? seq.getValue()
                : t.containsKey("parameters") ? List.of(t.get("parameters")) : List.of();
        for (Node item : items) {
            src.text(item, where + " `template.parameters`").ifPresent(p -> parameters.add(checked(item, p, where)));
        }
        return new Template(name.get(), language, parameters);
    }

    /** Reports placeholders that name no field ({@code {guest}} for {@code guests}) or an unknown format. */
    private String checked(Node node, String text, String where) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1).trim();
            if (!declared.contains(name) && !BUILT_INS.contains(name)) {
                List<String> known = new ArrayList<>(declared);
                known.addAll(BUILT_INS);
                src.problem(
                        node,
                        where + " uses `{" + name + "}`, which is not a field" + Suggestions.didYouMean(name, known));
            }
            if (m.group(2) != null && !FORMATS.contains(m.group(2).trim())) {
                src.problem(
                        node,
                        where + " formats `" + m.group(0) + "` with `"
                                + m.group(2).trim() + "`; use `|date` or `|time`");
            }
        }
        return text;
    }

    private String field(Node node, String what, FieldType type, Node owner, boolean required) {
        Optional<String> name = src.text(node, what);
        if (name.isEmpty()) {
            if (required) {
                src.problem(
                        owner,
                        "`reminders` needs `date:`, the " + type.yamlName() + " field the reminders count back from");
            }
            return null;
        }
        FieldMapping field = fields.get(name.get());
        if (field == null && declared.contains(name.get())) {
            return null; // the field itself is broken, and reported
        }
        if (field == null) {
            src.problem(
                    node,
                    what + " names `" + name.get() + "`, which is not a field"
                            + Suggestions.didYouMean(name.get(), declared));
            return null;
        }
        if (field.type() != type) {
            src.problem(
                    node,
                    what + " names `" + name.get() + "`, a `" + field.type().yamlName() + "` field; it needs a `"
                            + type.yamlName() + "` field");
            return null;
        }
        return name.get();
    }

    private LocalTime time(Node node) {
        return src.text(node, "`reminders.default-time`")
                .map(t -> {
                    try {
                        return LocalTime.parse(t.length() == 4 ? "0" + t : t);
                    } catch (DateTimeException e) {
                        src.problem(node, "`reminders.default-time` should be a time like `12:00`, not `" + t + "`");
                        return null;
                    }
                })
                .orElse(LocalTime.NOON);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s
                && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
    }
}
