package io.chatbridge.extract.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression from a mapping, with the words any match of it must contain when its shape shows
 * them. Most of them start with a choice of phrases ({@code (?i:my name is|name is|me llamo|…)\s+(…)}): a
 * match must then begin with one of the phrases, so a message holding none of them cannot match, and a few
 * {@code indexOf} calls spare the regular expression, which would try every phrase at every character.
 *
 * <p>Only a plain shape is read: optional {@code \b} and groups {@code (?:} / {@code (?i:} that must match
 * and hold no other alternative, then a group of alternatives that each start with letters, digits or
 * {@code ' :,-_}. Anything else (a class, a quantifier that makes a group optional, an alternative without
 * words in front) leaves the pattern without words: it is always run. The words are looked up lower-cased
 * in the folded text, which holds the cleaned text's ASCII characters lower-cased at the same positions, so
 * a phrase matched in either case is found there.
 *
 * <p>It is searched through {@link #find}, which takes a pattern that overflows the stack on a long text
 * as not matching it ({@link RegexOverflow}).
 */
final class MappingPattern {

    private static final String LITERAL = " ':,-_";

    final Pattern pattern;
    /** Where the pattern is in the mappings ({@code booking.notes}, {@code booking match}), for the log. */
    final String where;
    /** Lower-cased; one of them is in the folded text of any text the pattern matches. Null: unknown. */
    private final String[] required;

    MappingPattern(Pattern pattern) {
        this(pattern, "a mapping");
    }

    MappingPattern(Pattern pattern, String where) {
        this.pattern = pattern;
        this.where = where;
        List<String> words = required(pattern.pattern());
        this.required = words == null ? null : words.toArray(String[]::new);
    }

    /** False only when the pattern cannot match the text whose folded form is {@code folded}. */
    boolean mayMatch(String folded) {
        if (required == null) {
            return true;
        }
        for (String word : required) {
            if (folded.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Group 1 (or the whole match, when group 1 took no part) of the first match in {@code text}, as
     * {@code {start, end}}; null when there is none, or when the search overflowed the stack.
     */
    int[] find(String text) {
        Matcher m = pattern.matcher(text);
        if (!RegexOverflow.safely(m::find, where, pattern.pattern(), text.length())) {
            return null;
        }
        int g = m.groupCount() >= 1 && m.group(1) != null ? 1 : 0;
        return new int[] {m.start(g), m.end(g)};
    }

    /**
     * The start words of the pattern's first choice; or, for a pattern without a choice outside its groups,
     * a sign outside any group or class that nothing makes optional ({@code \\b[A-Z]{2,4}-\\d{2,6}\\b} needs
     * its '-'). Null when neither shape is there.
     */
    static List<String> required(String regex) {
        if (regex.contains("\\Q") || regex.contains("(?x") || regex.contains("(?u")) {
            return null;
        }
        List<String> words = startWords(regex);
        return words != null ? words : requiredSign(regex);
    }

    /** Signs that are always literal outside a class, and never change with case. */
    private static final String SIGNS = "-@#/:%&=~";

    private static List<String> requiredSign(String regex) {
        int[] levels = levels(regex, 0);
        if (levels == null || topLevelChoice(regex, levels, 0, regex.length())) {
            return null;
        }
        for (int at = 0; at < regex.length(); at++) {
            if (levels[at] == 0
                    && SIGNS.indexOf(regex.charAt(at)) >= 0
                    && (at + 1 == regex.length() || "?*{".indexOf(regex.charAt(at + 1)) < 0)) {
                return List.of(String.valueOf(regex.charAt(at)));
            }
        }
        return null;
    }

    private static List<String> startWords(String regex) {
        List<Integer> opened = new ArrayList<>();
        int i = 0;
        while (true) {
            if (regex.startsWith("\\b", i)) {
                i += 2;
            } else if (regex.startsWith("(?:", i)) {
                opened.add(i);
                i += 3;
            } else if (regex.startsWith("(?i:", i)) {
                opened.add(i);
                i += 4;
            } else {
                break;
            }
        }
        int[] whole = levels(regex, 0);
        if (opened.isEmpty() || whole == null || topLevelChoice(regex, whole, 0, regex.length())) {
            return null;
        }
        for (int g = 0; g < opened.size(); g++) {
            int bodyStart = regex.indexOf(':', opened.get(g)) + 1;
            int[] levels = levels(regex, bodyStart);
            int close = closing(regex, levels, bodyStart);
            if (close < 0 || (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
                return null; // unreadable, or the group may match nothing
            }
            if (g < opened.size() - 1 && topLevelChoice(regex, levels, bodyStart, close)) {
                return null;
            }
        }
        int[] levels = levels(regex, i);
        int close = closing(regex, levels, i);
        List<String> words = new ArrayList<>();
        int from = i;
        for (int at = i; at <= close; at++) {
            if (at == close || (regex.charAt(at) == '|' && levels[at] == 0)) {
                String word = leadingWord(regex, from, at);
                if (word.isEmpty()) {
                    return null;
                }
                words.add(word);
                from = at + 1;
            }
        }
        return words;
    }

    /** The literal characters an alternative starts with, without one a quantifier after it makes optional. */
    private static String leadingWord(String regex, int from, int to) {
        StringBuilder word = new StringBuilder();
        int at = from;
        while (at < to) {
            char c = regex.charAt(at);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || LITERAL.indexOf(c) >= 0)) {
                word.append(c);
                at++;
            } else {
                break;
            }
        }
        if (at < to && "?*{".indexOf(regex.charAt(at)) >= 0 && word.length() > 0) {
            word.setLength(word.length() - 1);
        }
        return word.toString().toLowerCase(Locale.ROOT);
    }

    /** True when {@code [from, to)} holds a '|' outside any group or class: an alternative at that level. */
    private static boolean topLevelChoice(String regex, int[] levels, int from, int to) {
        for (int at = from; at < to; at++) {
            if (regex.charAt(at) == '|' && levels[at] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The index of the ')' closing the group whose body starts at {@code from}, or -1. */
    private static int closing(String regex, int[] levels, int from) {
        if (levels == null) {
            return -1;
        }
        for (int at = from; at < regex.length(); at++) {
            if (regex.charAt(at) == ')' && levels[at] == 0) {
                return at;
            }
        }
        return -1;
    }

    /**
     * The group depth at each character from {@code from} on, counted from there, for the characters that
     * are syntax; -1 for escaped ones, those inside a class, and those before {@code from}. Null when a
     * class is not closed.
     */
    private static int[] levels(String regex, int from) {
        int[] levels = new int[regex.length()];
        java.util.Arrays.fill(levels, -1);
        int depth = 0;
        for (int at = from; at < regex.length(); at++) {
            char c = regex.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == '[') {
                at = classEnd(regex, at);
                if (at < 0) {
                    return null;
                }
            } else {
                if (c == ')') {
                    depth--;
                }
                levels[at] = c == ')' ? depth + 1 : depth;
                if (c == '(') {
                    depth++;
                }
            }
        }
        return levels;
    }

    /** The index of the ']' closing the class that opens at {@code open} (nested classes included), or -1. */
    private static int classEnd(String regex, int open) {
        int depth = 0;
        for (int at = open; at < regex.length(); at++) {
            char c = regex.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == '[') {
                depth++;
                if (at + 1 < regex.length() && regex.charAt(at + 1) == '^') {
                    at++;
                }
                if (at + 1 < regex.length() && regex.charAt(at + 1) == ']') {
                    at++; // a ']' first in a class is literal
                }
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return at;
                }
            }
        }
        return -1;
    }
}
