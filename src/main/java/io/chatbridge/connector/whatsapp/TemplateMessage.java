package io.chatbridge.connector.whatsapp;

import java.util.List;

/**
 * An approved message template: the only kind of message WhatsApp delivers outside the 24-hour
 * customer-service window. Parameters fill the body's {@code {{1}}}, {@code {{2}}}, … in order.
 *
 * @param name the template's name in WhatsApp Manager
 * @param language its language code as approved ({@code en}, {@code en_GB}, {@code pt_BR})
 * @param parameters body parameter values; WhatsApp refuses new lines and tabs in them
 */
public record TemplateMessage(String name, String language, List<String> parameters) {

    public TemplateMessage {
        parameters = parameters.stream().map(TemplateMessage::flatten).toList();
    }

    private static String flatten(String value) {
        return value == null ? "" : value.replaceAll("[\\t\\n\\r]+", " · ").replaceAll(" {4,}", "   ");
    }
}
