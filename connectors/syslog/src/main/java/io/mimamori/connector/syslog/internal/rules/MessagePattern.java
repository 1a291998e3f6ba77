package io.mimamori.connector.syslog.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A compiled message regex with the names of its named groups, which become template variables.
 *
 * @param requiredText text every match contains, or null when none could be worked out; a message
 *                     without it is skipped before the regex runs, which is what keeps a rule set
 *                     cheap for the many messages that match nothing
 */
record MessagePattern(Pattern pattern, String[] groups, String requiredText) {

    /** Shorter texts filter too little to be worth the extra scan. */
    private static final int MIN_REQUIRED_TEXT = 3;

    static MessagePattern of(Pattern pattern) {
        String regex = pattern.pattern();
        return new MessagePattern(pattern, namedGroups(regex).toArray(String[]::new), requiredText(regex));
    }

    /**
     * The names of the {@code (?<name>...)} groups in {@code regex}, in order. Java 17 has no API
     * for them, so the source is scanned; escapes, {@code \Q...\E} quotes and character classes
     * are skipped because a parenthesis there opens no group. It tolerates a regex that does not
     * compile, so that validation can still check the variables of a rule whose regex is broken.
     */
    static List<String> namedGroups(String regex) {
        List<String> names = new ArrayList<>();
        int classDepth = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? n : end + 2;
                } else {
                    i += 2;
                }
                continue;
            }
            if (c == '[') {
                classDepth++;
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
            } else if (classDepth == 0 && regex.startsWith("(?<", i) && i + 3 < n
                    && Character.isLetter(regex.charAt(i + 3))) {
                int end = regex.indexOf('>', i + 3);
                if (end < 0) {
                    break;
                }
                names.add(regex.substring(i + 3, end));
                i = end + 1;
                continue;
            }
            i++;
        }
        return names;
    }

    /**
     * The longest run of literal characters in the top-level sequence of {@code regex}: outside
     * every group and class, not under a quantifier. Such a run is in every match. Null when the
     * regex has a top-level alternative, inline flags or quoting, which this scan does not follow.
     */
    static String requiredText(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            int atomEnd;
            Character literal = null;
            if (c == '|' || regex.startsWith("\\Q", i) || isInlineFlags(regex, i)) {
                return null;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char escaped = regex.charAt(i + 1);
                literal = Character.isLetterOrDigit(escaped) ? null : escaped;
                atomEnd = i + 2;
            } else if (c == '(') {
                atomEnd = skipGroup(regex, i);
            } else if (c == '[') {
                atomEnd = skipClass(regex, i);
            } else {
                literal = ".^$".indexOf(c) >= 0 ? null : c;
                atomEnd = i + 1;
            }
            if (atomEnd < 0) {
                return null;
            }
            int next = skipQuantifier(regex, atomEnd);
            if (literal != null && next == atomEnd) {
                run.append(literal.charValue());
            } else {
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
            }
            i = next;
        }
        best = run.length() > best.length() ? run.toString() : best;
        return best.length() >= MIN_REQUIRED_TEXT ? best : null;
    }

    /** {@code (?i)}, {@code (?x-s)} and the like: flags for the rest of the regex. */
    private static boolean isInlineFlags(String regex, int i) {
        if (!regex.startsWith("(?", i)) {
            return false;
        }
        int j = i + 2;
        while (j < regex.length() && (Character.isLetter(regex.charAt(j)) || regex.charAt(j) == '-')) {
            j++;
        }
        return j > i + 2 && j < regex.length() && regex.charAt(j) == ')';
    }

    /** The index after the group opening at {@code open}, or -1 when it does not close. */
    private static int skipGroup(String regex, int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = skipClass(regex, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /**
     * The index after the character class opening at {@code open}; -1 when it does not close or
     * starts with ']', which regex dialects read differently.
     */
    private static int skipClass(String regex, int open) {
        int first = regex.startsWith("[^", open) ? open + 2 : open + 1;
        if (first >= regex.length() || regex.charAt(first) == ']') {
            return -1;
        }
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** The index after a quantifier ({@code ? * + {n,m}} and a lazy or possessive mark) at {@code i}. */
    private static int skipQuantifier(String regex, int i) {
        if (i >= regex.length()) {
            return i;
        }
        char c = regex.charAt(i);
        int end;
        if (c == '?' || c == '*' || c == '+') {
            end = i + 1;
        } else if (c == '{') {
            int close = regex.indexOf('}', i);
            end = close < 0 ? regex.length() : close + 1;
        } else {
            return i;
        }
        if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
            end++;
        }
        return end;
    }
}
