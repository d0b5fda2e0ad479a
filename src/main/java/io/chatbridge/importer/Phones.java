package io.chatbridge.importer;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.MatchType;

/** Telling a phone-number author ({@code +44 7700 900123}) from a saved name, and its digits. */
final class Phones {

    private Phones() {}

    static boolean looksLikeNumber(String author) {
        int digits = 0;
        for (int i = 0; i < author.length(); i++) {
            char c = author.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '\u00A0' && c != '\u202F') {
                return false;
            }
        }
        return digits >= 6;
    }

    /**
     * Whether a phone-number author is the given number, written either way: {@code +44 20 7946 0000},
     * {@code 020 7946 0000} (the national form, when the business number carries its country code) and
     * {@code +442079460000} are one number.
     */
    static boolean sameNumber(String author, String number) {
        if (digits(author).equals(digits(number))) {
            return true;
        }
        MatchType match = PhoneNumberUtil.getInstance().isNumberMatch(author, number);
        return match == MatchType.EXACT_MATCH || match == MatchType.NSN_MATCH;
    }

    static String digits(String number) {
        if (number == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
