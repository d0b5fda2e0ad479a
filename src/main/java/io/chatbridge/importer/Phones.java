package io.chatbridge.importer;

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
