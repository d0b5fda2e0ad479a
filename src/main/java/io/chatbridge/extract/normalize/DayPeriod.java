package io.chatbridge.extract.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What follows an hour and says which half of the day it is: "pm", "p. m.", "a.m.", "in the evening",
 * "tonight", "de la noche", "da tarde", or just "o'clock" (a time, but no half of the day).
 */
final class DayPeriod {

    enum Half {
        AM,
        PM,
        NIGHT,
        NONE
    }

    record Found(Half half, int end) {}

    private static final Pattern MERIDIEM = Pattern.compile("\\s?([ap])\\.?\\s?m(?:\\.|(?![\\p{L}\\p{N}]))");
    private static final Pattern PERIOD = Pattern.compile("\\s*(?:o'?clock)?\\s*(?:(tonight)|(?:in\\s+the|this|at"
            + "|de\\s+la|por\\s+la|en\\s+la|a\\s+la|da|de|pela|a)\\s+(morning|afternoon|evening|night|manana|manha"
            + "|tarde|noche|noite|madrugada))(?![\\p{L}])");
    private static final Pattern OCLOCK = Pattern.compile("\\s?o'?clock(?![\\p{L}])");

    private DayPeriod() {}

    /** The period starting at {@code from} in folded text, or null. */
    static Found after(String folded, int from) {
        Matcher m = MERIDIEM.matcher(folded).region(from, folded.length());
        if (m.lookingAt()) {
            return new Found(m.group(1).equals("a") ? Half.AM : Half.PM, m.end());
        }
        m = PERIOD.matcher(folded).region(from, folded.length());
        if (m.lookingAt()) {
            return new Found(m.group(1) != null ? Half.NIGHT : half(m.group(2)), m.end());
        }
        m = OCLOCK.matcher(folded).region(from, folded.length());
        return m.lookingAt() ? new Found(Half.NONE, m.end()) : null;
    }

    private static Half half(String word) {
        return switch (word) {
            case "morning", "manana", "manha", "madrugada" -> Half.AM;
            case "night", "noche", "noite" -> Half.NIGHT;
            default -> Half.PM;
        };
    }

    /** The hour on a 24-hour clock, or -1 when {@code hour} cannot be read with this half of the day. */
    static int toClock(int hour, Half half) {
        if (half == Half.NONE) {
            return hour <= 23 ? hour : -1;
        }
        if (hour < 1 || hour > 12) {
            return half == Half.PM && hour >= 13 && hour <= 23 ? hour : -1;
        }
        return switch (half) {
            case AM -> hour % 12;
            case PM -> hour == 12 ? 12 : hour + 12;
            default -> hour == 12 ? 0 : hour >= 6 ? hour + 12 : hour;
        };
    }
}
