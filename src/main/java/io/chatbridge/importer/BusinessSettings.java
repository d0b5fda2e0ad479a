package io.chatbridge.importer;

import io.chatbridge.mapping.BusinessProfile;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.MappingSet;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Where imported conversations belong and how their times read: the business in {@code business.yaml}
 * whose display number is the given number lends its phone_number_id (so imported history joins the
 * live conversations of that number), its zone and its locale; options given on the command line win.
 */
record BusinessSettings(String phoneNumberId, String displayNumber, ZoneId zone, Locale locale) {

    static BusinessSettings resolve(ImportRequest request, MappingRegistry registry) {
        String digits = Phones.digits(request.businessNumber());
        BusinessProfile profile = null;
        if (registry != null && registry.hasValidSet()) {
            MappingSet set = registry.current();
            profile = set.business(null);
            for (BusinessProfile candidate : set.businesses().values()) {
                if (!digits.isEmpty()
                        && digits.equals(Phones.digits(candidate.displayNumber()))
                        && !MappingSet.DEFAULT_BUSINESS.equals(candidate.phoneNumberId())) {
                    profile = candidate;
                }
            }
        }
        String phoneNumberId = profile != null
                        && digits.equals(Phones.digits(profile.displayNumber()))
                        && !MappingSet.DEFAULT_BUSINESS.equals(profile.phoneNumberId())
                ? profile.phoneNumberId()
                : digits.isEmpty() ? "export" : digits;
        ZoneId zone = request.zone() != null
                ? request.zone()
                : profile != null && profile.zone() != null ? profile.zone() : ZoneId.systemDefault();
        Locale locale = request.locale() != null
                ? request.locale()
                : profile != null && profile.locale() != null ? profile.locale() : Locale.UK;
        return new BusinessSettings(phoneNumberId, digits.isEmpty() ? null : "+" + digits, zone, locale);
    }
}
