package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a fault sits, so an operator can isolate it: the first question of every triage. */
public enum Layer {
    HARDWARE, NETWORK, OS, MIDDLEWARE, APPLICATION, CLOUD, UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; throws IllegalArgumentException naming the allowed values. */
    public static Layer parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown layer '" + s
                    + "': use one of hardware, network, os, middleware, application, cloud, unknown");
        }
    }
}
