package io.chatbridge.importer;

import java.util.Locale;

/**
 * Collects, line by line, what a file's dates say about their order, in constant memory, the way
 * the better parsers do it: a part above 12 cannot be a month; within a year the month never goes
 * down while the day does at each month change; and the day changes more often than the month.
 */
final class DateOrderEvidence {

    private long yearFirst;
    private long firstAbove12;
    private long secondAbove12;
    private long firstFellSecondRose;
    private long secondFellFirstRose;
    private long firstChanged;
    private long secondChanged;
    private int lastFirst = -1;
    private int lastSecond = -1;
    private int lastThird = -1;

    void add(TimestampPrefix prefix) {
        if (prefix.firstDigits >= 3) {
            yearFirst++;
            return;
        }
        int a = prefix.first;
        int b = prefix.second;
        int year = prefix.third;
        if (a > 12) {
            firstAbove12++;
        }
        if (b > 12) {
            secondAbove12++;
        }
        if (lastFirst >= 0 && year == lastThird) {
            if (a < lastFirst && b > lastSecond) {
                firstFellSecondRose++;
            } else if (b < lastSecond && a > lastFirst) {
                secondFellFirstRose++;
            }
            firstChanged += a != lastFirst ? 1 : 0;
            secondChanged += b != lastSecond ? 1 : 0;
        }
        lastFirst = a;
        lastSecond = b;
        lastThird = year;
    }

    /** The inferred order and the reason, in words for the import summary. */
    Inference infer(Locale fallbackLocale) {
        if (yearFirst > 0 && yearFirst >= firstAbove12 + secondAbove12) {
            return new Inference(DateOrder.YMD, "dates start with a four-digit year");
        }
        if (firstAbove12 != secondAbove12) {
            return firstAbove12 > secondAbove12
                    ? new Inference(DateOrder.DMY, "the first number of a date goes above 12")
                    : new Inference(DateOrder.MDY, "the second number of a date goes above 12");
        }
        if (firstFellSecondRose != secondFellFirstRose) {
            return firstFellSecondRose > secondFellFirstRose
                    ? new Inference(DateOrder.DMY, "the first number falls when the second rises (month change)")
                    : new Inference(DateOrder.MDY, "the second number falls when the first rises (month change)");
        }
        if (firstChanged != secondChanged) {
            return firstChanged > secondChanged
                    ? new Inference(DateOrder.DMY, "the first number changes more often (days)")
                    : new Inference(DateOrder.MDY, "the second number changes more often (days)");
        }
        DateOrder fallback = DateOrder.fallbackFor(fallbackLocale);
        return new Inference(
                fallback,
                "the dates do not tell; assumed from the locale " + fallbackLocale + " (override with --date-order)");
    }

    record Inference(DateOrder order, String reason) {}
}
