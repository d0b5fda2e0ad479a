package io.chatbridge.extract.normalize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the matches of one finder call. Patterns run from most to least specific, so the first
 * match over a span wins and later, overlapping ones are dropped.
 */
final class Matches<T> {

    private final List<Match<T>> found = new ArrayList<>(4);

    boolean add(T value, int start, int end, double confidence) {
        if (value == null || overlaps(start, end)) {
            return false;
        }
        found.add(new Match<>(value, start, end, confidence));
        return true;
    }

    boolean overlaps(int start, int end) {
        for (Match<T> m : found) {
            if (start < m.end() && m.start() < end) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return found.size();
    }

    /** True when one of the first {@code count} matches touches {@code [start, end)}, {@code gap} chars apart at most. */
    boolean touches(int start, int end, int gap, int count) {
        for (Match<T> m : found.subList(0, count)) {
            if (start < m.end() + gap && m.start() < end + gap) {
                return true;
            }
        }
        return false;
    }

    List<Match<T>> inOrder() {
        if (found.size() > 1) {
            found.sort(Comparator.comparingInt(Match::start));
        }
        return List.copyOf(found);
    }
}
