package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the condition an alert describes is present ({@code firing}) or over ({@code resolved}). */
public enum Status {
    FIRING, RESOLVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
