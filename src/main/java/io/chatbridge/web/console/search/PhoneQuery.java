package io.chatbridge.web.console.search;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what someone typed into the customer box as a phone number, in any format ({@code +44 7700
 * 900123}, {@code 0044 7700-900123}, {@code (07700) 900123}, {@code 447700900123}), and gives the E.164
 * forms it may stand for, as records and conversations store them. National numbers are read in the
 * business's country, as extraction reads them.
 */
final class PhoneQuery {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern PHONE_LIKE = Pattern.compile("[+(]?[0-9][0-9 ()./-]{4,}[0-9]");
    private static final int MIN_DIGITS = 6;

    private PhoneQuery() {}

    /** The E.164 numbers the text may mean; empty when it does not look like a phone number. */
    static List<String> candidates(String text, String region) {
        String trimmed = text == null ? "" : text.trim();
        String digits = trimmed.replaceAll("\\D", "");
        if (!PHONE_LIKE.matcher(trimmed).matches() || digits.length() < MIN_DIGITS) {
            return List.of();
        }
        Set<String> numbers = new LinkedHashSet<>();
        parse(trimmed, region == null || region.isBlank() ? "ZZ" : region).ifPresent(numbers::add);
        if (trimmed.startsWith("00")) {
            numbers.add("+" + digits.substring(2));
        } else if (!trimmed.startsWith("0")) {
            numbers.add("+" + digits); // a WhatsApp id is the number without '+'
        }
        return List.copyOf(numbers);
    }

    private static java.util.Optional<String> parse(String text, String region) {
        try {
            PhoneNumber number = PHONES.parse(text, region);
            return PHONES.isPossibleNumber(number)
                    ? java.util.Optional.of(PHONES.format(number, PhoneNumberFormat.E164))
                    : java.util.Optional.empty();
        } catch (NumberParseException e) {
            return java.util.Optional.empty();
        }
    }
}
