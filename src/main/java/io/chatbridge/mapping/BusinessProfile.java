package io.chatbridge.mapping;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one business WhatsApp number, from {@code mappings/business.yaml}.
 *
 * @param phoneNumberId the WhatsApp phone_number_id, or {@code default}
 * @param name the business's name as customers know it
 * @param displayNumber the number customers see
 * @param zone the business time zone; relative dates are resolved in it
 * @param locale decides how {@code 05/12} and {@code 1.200,50} read
 * @param currency default ISO 4217 currency
 * @param languages languages customers write in, first is the default for replies
 * @param workingHours opening hours per day; a missing day is closed
 * @param holidays days closed
 * @param ownerNumber the owner's number (E.164) for digests, or null
 * @param autoReply the reply, per language, to a message that arrives outside working hours; empty
 *     for none. {@code {opens}} becomes when the business opens again, {@code {business}} its name
 * @param digest when and how the owner gets the morning digest, or null for none
 */
public record BusinessProfile(
        String phoneNumberId,
        String name,
        String displayNumber,
        ZoneId zone,
        Locale locale,
        String currency,
        List<String> languages,
        Map<DayOfWeek, List<OpeningHours>> workingHours,
        List<LocalDate> holidays,
        String ownerNumber,
        Map<String, String> autoReply,
        Digest digest) {

    public BusinessProfile {
        languages = List.copyOf(languages);
        workingHours = Map.copyOf(workingHours);
        holidays = List.copyOf(holidays);
        autoReply = Map.copyOf(autoReply);
    }

    /** A business with no auto-reply and no digest. */
    public BusinessProfile(
            String phoneNumberId,
            String name,
            String displayNumber,
            ZoneId zone,
            Locale locale,
            String currency,
            List<String> languages,
            Map<DayOfWeek, List<OpeningHours>> workingHours,
            List<LocalDate> holidays,
            String ownerNumber) {
        this(
                phoneNumberId,
                name,
                displayNumber,
                zone,
                locale,
                currency,
                languages,
                workingHours,
                holidays,
                ownerNumber,
                Map.of(),
                null);
    }

    /** The language replies default to: the first the business lists. */
    public String defaultLanguage() {
        return languages.isEmpty() ? "en" : languages.get(0);
    }

    /**
     * The morning digest to the owner's number.
     *
     * @param at local time it is sent
     * @param template the approved template it goes out as when the owner has not written in 24 hours
     *     (one body parameter: the digest on one line), or null to send text only
     * @param language the template's language
     */
    public record Digest(LocalTime at, String template, String language) {}

    /** Settings for tools that know only zone, locale and currency (the {@code extract} command). */
    public static BusinessProfile of(ZoneId zone, Locale locale, String currency) {
        return new BusinessProfile(
                "adhoc", "", "", zone, locale, currency, List.of("en", "es", "pt"), Map.of(), List.of(), null);
    }

    /** One opening span of a day. */
    public record OpeningHours(LocalTime from, LocalTime to) {}
}
