package io.mimamori.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A text with {@code ${name}} placeholders, as used in rule files for summaries, resources,
 * dedup keys and labels. {@code ${name:-fallback}} gives a fallback for a missing or empty value;
 * {@code $$} is a literal dollar. Compiled once at load time, rendered per alert.
 */
public final class Template {
    private final String source;
    private final String[] literals;
    private final String[] names;
    private final String[] fallbacks;

    private Template(String source, List<String> literals, List<String> names, List<String> fallbacks) {
        this.source = source;
        this.literals = literals.toArray(String[]::new);
        this.names = names.toArray(String[]::new);
        this.fallbacks = fallbacks.toArray(String[]::new);
    }

    /** Compiles {@code text}; throws IllegalArgumentException describing an unclosed or empty placeholder. */
    public static Template compile(String text) {
        List<String> lits = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                lit.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed placeholder at column " + (i + 1)
                            + " of '" + text + "': close it with '}'");
                }
                String inner = text.substring(i + 2, end);
                int sep = inner.indexOf(":-");
                String name = (sep >= 0 ? inner.substring(0, sep) : inner).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty placeholder at column " + (i + 1) + " of '" + text
                            + "': write ${name}");
                }
                lits.add(lit.toString());
                lit.setLength(0);
                names.add(name);
                fallbacks.add(sep >= 0 ? inner.substring(sep + 2) : "");
                i = end + 1;
            } else {
                lit.append(c);
                i++;
            }
        }
        lits.add(lit.toString());
        return new Template(text, lits, names, fallbacks);
    }

    /** The placeholder names this template uses, in order of first use. */
    public Set<String> variables() {
        return new LinkedHashSet<>(List.of(names));
    }

    public boolean isConstant() {
        return names.length == 0;
    }

    /** Renders with {@code lookup}; a null or empty value renders as the placeholder's fallback. */
    public String render(Function<String, String> lookup) {
        if (names.length == 0) {
            return literals[0];
        }
        StringBuilder sb = new StringBuilder(source.length() + 32);
        for (int i = 0; i < names.length; i++) {
            sb.append(literals[i]);
            String v = lookup.apply(names[i]);
            sb.append(v == null || v.isEmpty() ? fallbacks[i] : v);
        }
        sb.append(literals[names.length]);
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
