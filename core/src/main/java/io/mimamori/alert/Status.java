package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the condition an alert describes is present ({@code firing}) or over ({@code resolved}). */
public enum Status {
    FIRING, RESOLVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name; throws IllegalArgumentException naming the allowed values. */
    public static Status parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown status '" + s + "': use firing or resolved");
        }
    }
}
