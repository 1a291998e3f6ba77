package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How urgently a human must act, most urgent first. The source's own value is kept in
 * {@code sourceSeverity}; this is the normalized scale every sink maps from.
 */
public enum Severity {
    CRITICAL, MAJOR, MINOR, WARNING, INFO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as urgent as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses a wire name; throws IllegalArgumentException naming the allowed values. */
    public static Severity parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown severity '" + s
                    + "': use one of critical, major, minor, warning, info");
        }
    }
}
