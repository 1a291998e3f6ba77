package io.mimamori.maintenance;

import java.util.regex.Pattern;

/** A text pattern where {@code *} stands for any characters and {@code ?} for one; case-sensitive. */
final class Glob {
    private final String text;
    private final Pattern pattern;

    Glob(String text) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** True when {@code value} is present and matches the whole pattern. */
    boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
