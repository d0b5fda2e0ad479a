package io.chatbridge.importer;

/**
 * Recognises the timestamp that starts each message of an export and remembers its parts. Hand-written
 * instead of a regular expression: it is called once per line of files with millions of lines, and it
 * must accept every variant seen in the wild ({@code [20.06.19, 15:58:47] }, {@code 9/24/2019 11:30 p.m. - },
 * {@code 2022/12/14, 13:34. - }, {@code 13.6.2018 klo 21.25.15 - }, {@code 13. 6. 2018. 21:25:15 - }).
 *
 * <p>One instance is reused for every line (no allocation per line); not thread-safe.
 */
final class TimestampPrefix {

    static final int NO_MERIDIEM = 0;
    static final int AM = 1;
    static final int PM = 2;

    /** Date parts as written; which is day, month or year depends on the file's {@link DateOrder}. */
    int first;

    int second;
    int third;
    int firstDigits;
    int thirdDigits;
    int hour;
    int minute;
    int secondOfMinute;
    int meridiem;
    boolean bracketed;
    /** Index of the first character after the prefix: the author, or a system text. */
    int bodyStart;

    private int pos;

    boolean scan(String line) {
        int n = line.length();
        pos = 0;
        while (pos < n && isInvisible(line.charAt(pos))) {
            pos++;
        }
        bracketed = pos < n && line.charAt(pos) == '[';
        if (bracketed) {
            pos++;
        }
        return date(line, n) && time(line, n) && end(line, n);
    }

    private boolean date(String line, int n) {
        int start = pos;
        first = number(line, n, 4);
        firstDigits = pos - start;
        if (firstDigits == 0 || pos >= n) {
            return false;
        }
        char separator = line.charAt(pos);
        if (separator != '/' && separator != '.' && separator != '-') {
            return false;
        }
        pos++;
        skipSpace(line, n);
        start = pos;
        second = number(line, n, 2);
        if (pos == start || pos >= n || line.charAt(pos) != separator) {
            return false;
        }
        pos++;
        skipSpace(line, n);
        start = pos;
        third = number(line, n, 4);
        thirdDigits = pos - start;
        return thirdDigits > 0 && (firstDigits == 4 || thirdDigits != 3) && (firstDigits != 3);
    }

    /** Between date and time: {@code ", "}, {@code " "}, {@code ". "} (hr), {@code " klo "} (fi). */
    private boolean time(String line, int n) {
        int skipped = 0;
        while (pos < n && skipped < 6 && !isDigit(line.charAt(pos))) {
            pos++;
            skipped++;
        }
        if (skipped == 0) {
            return false;
        }
        int start = pos;
        hour = number(line, n, 2);
        if (pos == start || pos >= n || (line.charAt(pos) != ':' && line.charAt(pos) != '.')) {
            return false;
        }
        char separator = line.charAt(pos++);
        start = pos;
        minute = number(line, n, 2);
        if (pos - start != 2) {
            return false;
        }
        secondOfMinute = 0;
        if (pos + 2 < n && line.charAt(pos) == separator && isDigit(line.charAt(pos + 1))) {
            pos++;
            start = pos;
            secondOfMinute = number(line, n, 2);
            if (pos - start != 2) {
                return false;
            }
        }
        meridiem = meridiem(line, n);
        return hour < 24 && minute < 60 && secondOfMinute < 60;
    }

    /** {@code AM}, {@code pm}, {@code p.m.}, {@code p. m.} with a space, NBSP or NNBSP before it. */
    private int meridiem(String line, int n) {
        int at = pos;
        if (at >= n || !isSpace(line.charAt(at))) {
            return NO_MERIDIEM;
        }
        at++;
        if (at >= n) {
            return NO_MERIDIEM;
        }
        char letter = Character.toLowerCase(line.charAt(at));
        if (letter != 'a' && letter != 'p') {
            return NO_MERIDIEM;
        }
        at++;
        if (at < n && line.charAt(at) == '.') {
            at++;
        }
        if (at < n && isSpace(line.charAt(at))) {
            at++;
        }
        if (at >= n || Character.toLowerCase(line.charAt(at)) != 'm') {
            return NO_MERIDIEM;
        }
        at++;
        if (at < n && line.charAt(at) == '.') {
            at++;
        }
        pos = at;
        return letter == 'a' ? AM : PM;
    }

    /** iOS: {@code ] }; Android: {@code  - } (older exports: {@code : }); a dot after the time is allowed. */
    private boolean end(String line, int n) {
        if (pos < n && line.charAt(pos) == '.') {
            pos++;
        }
        if (bracketed) {
            if (pos >= n || line.charAt(pos) != ']') {
                return false;
            }
            pos++;
            if (pos < n && isSpace(line.charAt(pos))) {
                pos++;
            }
            bodyStart = pos;
            return true;
        }
        if (pos + 1 < n && isSpace(line.charAt(pos)) && (line.charAt(pos + 1) == '-' || line.charAt(pos + 1) == '–')) {
            pos += 2;
        } else if (pos < n && line.charAt(pos) == ':') {
            pos++;
        } else {
            return false;
        }
        if (pos < n && isSpace(line.charAt(pos))) {
            pos++;
        }
        bodyStart = pos;
        return true;
    }

    /** The date parts as one number: equal for equal dates as written. */
    int dateKey() {
        return (first * 100 + second) * 10000 + third;
    }

    /** The hour on a 24-hour clock; {@code 13:37 p.m.} (seen in the wild) stays 13. */
    int hourOfDay() {
        if (meridiem == AM) {
            return hour == 12 ? 0 : hour;
        }
        if (meridiem == PM) {
            return hour < 12 ? hour + 12 : hour;
        }
        return hour;
    }

    private int number(String line, int n, int maxDigits) {
        int value = 0;
        int end = Math.min(n, pos + maxDigits);
        while (pos < end && isDigit(line.charAt(pos))) {
            value = value * 10 + (line.charAt(pos) - '0');
            pos++;
        }
        return value;
    }

    private void skipSpace(String line, int n) {
        if (pos < n && line.charAt(pos) == ' ') {
            pos++;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\t';
    }

    /** Byte-order mark and the directional marks WhatsApp puts before brackets and system texts. */
    static boolean isInvisible(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\uFEFF' || c == '\u202A' || c == '\u202C';
    }
}
