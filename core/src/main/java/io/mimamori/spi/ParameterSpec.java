package io.mimamori.spi;

import java.util.List;

/**
 * One declared parameter of a connector, JSON-Schema style as in its kamelet file.
 *
 * @param name         the parameter name used in route files
 * @param title        a short human title
 * @param description  what it does
 * @param type         {@code string}, {@code integer}, {@code boolean} or {@code number}
 * @param required     whether a route must give it
 * @param defaultValue the default as text, or null
 * @param allowed      the allowed values, or empty for any
 * @param secret       true for {@code format: password}: never logged or printed
 * @param minimum      the smallest allowed number, or null
 * @param maximum      the largest allowed number, or null
 */
public record ParameterSpec(String name, String title, String description, String type, boolean required,
                            String defaultValue, List<String> allowed, boolean secret, Long minimum, Long maximum) {

    public ParameterSpec {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /**
     * Checks a literal value from a route file; returns what is wrong and what to do, or null when
     * fine. Values holding a property placeholder ({@code {{...}}}) are checked after resolution.
     */
    public String check(String value) {
        if (value == null || value.contains("{{")) {
            return null;
        }
        switch (type) {
            case "integer" -> {
                long v;
                try {
                    v = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    return "parameter '" + name + "' must be a whole number, not '" + value + "'";
                }
                if (minimum != null && v < minimum) {
                    return "parameter '" + name + "' is " + v + "; it must be at least " + minimum;
                }
                if (maximum != null && v > maximum) {
                    return "parameter '" + name + "' is " + v + "; it must be at most " + maximum;
                }
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return "parameter '" + name + "' must be true or false, not '" + value + "'";
                }
            }
            case "number" -> {
                try {
                    Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    return "parameter '" + name + "' must be a number, not '" + value + "'";
                }
            }
            default -> {
            }
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            return "parameter '" + name + "' is '" + value + "'; use one of " + String.join(", ", allowed);
        }
        return null;
    }
}
