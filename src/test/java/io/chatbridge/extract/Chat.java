package io.chatbridge.extract;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Builds conversation windows for tests: messages at local times of a business day. */
final class Chat {

    private final ZoneId zone;
    private LocalDate day;
    private final String customerPhone;
    private final String profileName;
    private final List<ChatMessage> messages = new ArrayList<>();

    private Chat(ZoneId zone, LocalDate day, String customerPhone, String profileName) {
        this.zone = zone;
        this.day = day;
        this.customerPhone = customerPhone;
        this.profileName = profileName;
    }

    /** A London business; the conversation starts on Friday 20 November 2026. */
    static Chat london() {
        return new Chat(ZoneId.of("Europe/London"), LocalDate.of(2026, 11, 20), "+447700900123", "Ana Silva");
    }

    Chat nextDay() {
        day = day.plusDays(1);
        return this;
    }

    Chat plusDays(int days) {
        day = day.plusDays(days);
        return this;
    }

    Chat customer(String hhmm, String text) {
        return add(hhmm, false, text);
    }

    Chat business(String hhmm, String text) {
        return add(hhmm, true, text);
    }

    private Chat add(String hhmm, boolean fromBusiness, String text) {
        String id = "m" + (messages.size() + 1);
        messages.add(new ChatMessage(
                id,
                fromBusiness,
                fromBusiness ? "Shop" : profileName,
                day.atTime(LocalTime.parse(hhmm)).atZone(zone).toInstant(),
                "text",
                text));
        return this;
    }

    ConversationWindow window() {
        return new ConversationWindow("conv-1", "default", customerPhone, messages);
    }
}
