package io.mimamori.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A shell-style pattern: {@code *} matches any run of characters (dots included), {@code ?} one
 * character, everything else itself. Without a wildcard it is an exact match. Host names are
 * matched ignoring case; events and labels exactly.
 */
public final class Glob {
    private final String pattern;
    private final boolean ignoreCase;
    private final String compared;

    private Glob(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.compared = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    }

    /** A case-sensitive pattern (events, label values). */
    public static Glob of(String pattern) {
        return new Glob(pattern, false);
    }

    /** A pattern for host names, matched ignoring case. */
    public static Glob hostname(String pattern) {
        return new Glob(pattern, true);
    }

    public boolean isLiteral() {
        return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    }

    /** Characters that must match exactly: how specific the pattern is. */
    public int literalCharacters() {
        return (int) pattern.chars().filter(c -> c != '*' && c != '?').count();
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        String t = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        String p = compared;
        int ti = 0;
        int pi = 0;
        int starP = -1;
        int starT = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starP = pi++;
                starT = ti;
            } else if (starP >= 0) {
                pi = starP + 1;
                ti = ++starT;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @JsonValue
    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.compared.equals(compared) && g.ignoreCase == ignoreCase;
    }

    @Override
    public int hashCode() {
        return compared.hashCode();
    }
}
