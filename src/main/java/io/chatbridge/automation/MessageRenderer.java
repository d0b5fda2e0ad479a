package io.chatbridge.automation;

import io.chatbridge.mapping.Automations;
import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.record.RecordSnapshot;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a message's placeholders from a record: {@code {id}}, {@code {status}}, {@code {type}},
 * {@code {business}}, {@code {field}}, {@code {field|date}} ("14 Dec" in English, "14 dic" in Spanish)
 * and {@code {field|time}}. An empty field becomes an empty string; the mapping loader has already
 * refused placeholders that name no field.
 */
final class MessageRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}|]*)(?:\\|([^{}]*))?}");

    private MessageRenderer() {}

    static String render(String text, RecordSnapshot record, BusinessProfile business, String language) {
        return fill(
                text,
                name -> switch (name) {
                    case "id" -> record.humanId();
                    case "status" -> record.status();
                    case "type" -> record.type();
                    case "business" -> business.name();
                    default -> {
                        Object value = record.fields().get(name);
                        yield value == null ? "" : String.valueOf(value);
                    }
                },
                locale(business, language));
    }

    static String fill(String text, java.util.function.Function<String, String> values, Locale locale) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1).trim());
            String format = m.group(2) == null ? "" : m.group(2).trim();
            m.appendReplacement(out, Matcher.quoteReplacement(format(value == null ? "" : value, format, locale)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static io.chatbridge.connector.whatsapp.TemplateMessage template(
            Automations.Template template, RecordSnapshot record, BusinessProfile business, String language) {
        if (template == null) {
            return null;
        }
        return new io.chatbridge.connector.whatsapp.TemplateMessage(
                template.name(),
                template.language(),
                template.parameters().stream()
                        .map(p -> render(p, record, business, language))
                        .toList());
    }

    static Locale locale(BusinessProfile business, String language) {
        return Locale.forLanguageTag(language + "-" + business.locale().getCountry());
    }

    private static String format(String value, String format, Locale locale) {
        try {
            return switch (format) {
                case "date" ->
                    value.isEmpty()
                            ? value
                            : DateTimeFormatter.ofPattern("d MMM", locale)
                                    .format(LocalDate.parse(value))
                                    .replace(".", "");
                case "time" ->
                    value.isEmpty()
                            ? value
                            : DateTimeFormatter.ofPattern("HH:mm").format(LocalTime.parse(value));
                default -> value;
            };
        } catch (DateTimeException e) {
            return value;
        }
    }
}
