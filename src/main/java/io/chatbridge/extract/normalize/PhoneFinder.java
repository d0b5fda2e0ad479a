package io.chatbridge.extract.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds phone numbers with libphonenumber and writes them in E.164 ("+447700900123").
 *
 * <p>Decisions: national numbers are read in the locale's country (en-GB → GB, pt-BR → BR); a locale
 * without a country finds only numbers written with "+" or "00". Numbers libphonenumber calls valid
 * count (0.95 international, 0.85 national). Numbers it calls merely possible (a range its metadata
 * does not know yet, or Ofcom's drama range 07700 900xxx our fixtures use) count at 0.6 only when
 * written like a phone number: at least ten digits and nothing but digits, spaces, '+', '-' and
 * parentheses, which keeps prices ("1.200,50"), dates and references out. Text with fewer than seven
 * digits is not handed to libphonenumber at all. Spans are libphonenumber's, on same-length cleaned text.
 */
public final class PhoneFinder {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 7;
    private static final Pattern LEADING_LABEL = Pattern.compile("^[^+(\\d]+");

    public List<Match<String>> findAll(String text, NormalizeContext ctx) {
        return findAll(ChatText.of(text), ctx);
    }

    public List<Match<String>> findAll(ChatText chat, NormalizeContext ctx) {
        if (!chat.hasDigit() || !hasPhoneLikeRun(chat.raw())) {
            return List.of();
        }
        String cleaned = chat.clean();
        Matches<String> found = new Matches<>();
        for (PhoneNumberMatch m :
                PHONES.findNumbers(cleaned, region(ctx.locale()), Leniency.POSSIBLE, Long.MAX_VALUE)) {
            double confidence = confidence(m.number(), m.rawString());
            if (confidence > 0) {
                found.add(PHONES.format(m.number(), PhoneNumberFormat.E164), m.start(), m.end(), confidence);
            }
        }
        return found.inOrder();
    }

    private static double confidence(PhoneNumber number, String raw) {
        if (PHONES.isValidNumber(number)) {
            return raw.startsWith("+") || raw.startsWith("00") ? 0.95 : 0.85;
        }
        return PHONES.isPossibleNumber(number) && writtenLikeAPhone(raw) ? 0.6 : 0;
    }

    private static boolean writtenLikeAPhone(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isDigit(c) && " +-()".indexOf(c) < 0) {
                return false;
            }
        }
        return digits(raw) >= 10;
    }

    /**
     * The number in E.164, or null when it is not a valid number. {@code defaultRegion} (ISO 3166
     * alpha-2) reads national numbers; null or unknown means only international ones are read.
     */
    public String toE164(String raw, String defaultRegion) {
        if (raw == null || digits(raw) < MIN_DIGITS) {
            return null;
        }
        String region = defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
        try {
            String cleaned = TextCleaner.clean(raw).strip();
            PhoneNumber number = PHONES.parse(cleaned, region);
            return confidence(number, LEADING_LABEL.matcher(cleaned).replaceFirst("")) > 0
                    ? PHONES.format(number, PhoneNumberFormat.E164)
                    : null;
        } catch (NumberParseException e) {
            return null; // libphonenumber's only way to say "not a number"; not on the findAll path
        }
    }

    static String region(Locale locale) {
        String country = locale.getCountry();
        return country.length() == 2 && PHONES.getSupportedRegions().contains(country) ? country : "ZZ";
    }

    /**
     * Cheap gate before libphonenumber (which is slow): a run of at least seven digits held together
     * only by spaces, '-', '.', '/', parentheses or '+', at most two separators in a row.
     */
    static boolean hasPhoneLikeRun(String text) {
        int digits = 0;
        int separators = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                separators = 0;
                if (digits >= MIN_DIGITS) {
                    return true;
                }
            } else if (" -./()+".indexOf(TextCleaner.cleanChar(c)) >= 0 && ++separators <= 2) {
                continue;
            } else {
                digits = 0;
                separators = 0;
            }
        }
        return false;
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
