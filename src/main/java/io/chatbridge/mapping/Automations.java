package io.chatbridge.mapping;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a record type says to customers on WhatsApp without anyone typing it, from the
 * {@code automations:} section of its mapping.
 *
 * @param confirmations messages sent when a record's status becomes a given value, from any origin
 * @param followUps follow-up questions for missing required fields, or empty when off
 * @param reminders reminders before the record's date and time, or empty when off
 */
public record Automations(
        List<Confirmation> confirmations, Optional<FollowUps> followUps, Optional<Reminders> reminders) {

    public static final Automations NONE = new Automations(List.of(), Optional.empty(), Optional.empty());

    public Automations {
        confirmations = List.copyOf(confirmations);
    }

    public Optional<Confirmation> confirmationFor(String status) {
        return confirmations.stream().filter(c -> c.status().equals(status)).findFirst();
    }

    /**
     * A message in two forms: free text per language, sent inside WhatsApp's 24-hour window, and an
     * approved template, sent outside it. Both may hold placeholders: {@code {id}}, {@code {status}},
     * {@code {business}}, {@code {field}}, {@code {field|date}}, {@code {field|time}}.
     *
     * @param text per language ({@code en}, {@code es}, … or {@code any})
     * @param template the template, or null when the message is only sent inside the window
     */
    public record Message(Map<String, String> text, Template template) {

        public Message {
            text = Map.copyOf(text);
        }

        /** The text in {@code language}, else {@code any}, else the first language written. */
        public Optional<String> textIn(String language) {
            String t = text.get(language);
            if (t == null) {
                t = text.getOrDefault(
                        "any",
                        text.keySet().stream()
                                .sorted()
                                .findFirst()
                                .map(text::get)
                                .orElse(null));
            }
            return Optional.ofNullable(t);
        }
    }

    /** An approved WhatsApp template; {@code parameters} fill {@code {{1}}}, {@code {{2}}}, … and may hold placeholders. */
    public record Template(String name, String language, List<String> parameters) {

        public Template {
            parameters = List.copyOf(parameters);
        }
    }

    /** Send {@code message} when the status becomes {@code status}. */
    public record Confirmation(String status, Message message) {}

    /**
     * Ask for each missing required field once, with the field's {@code ask}, in the customer's
     * language.
     *
     * @param after wait this long after the record changed (the customer may still be typing); the
     *     question is dropped if the answer arrived meanwhile
     */
    public record FollowUps(Duration after) {}

    /**
     * Reminders before the record's date and time.
     *
     * @param before how long before, e.g. 24 h and 2 h
     * @param dateField the date field ({@code event_date})
     * @param timeField the time field, or null
     * @param defaultTime the time assumed when the time field is empty
     * @param message what is sent
     * @param replies what a customer's reply sets the status to ({@code 1} → {@code confirmed})
     * @param skipStatuses no reminder for records in these statuses
     */
    public record Reminders(
            List<Duration> before,
            String dateField,
            String timeField,
            LocalTime defaultTime,
            Message message,
            Map<String, String> replies,
            List<String> skipStatuses) {

        public Reminders {
            before = List.copyOf(before);
            replies = Map.copyOf(replies);
            skipStatuses = List.copyOf(skipStatuses);
        }
    }
}
