package io.mimamori.spi;

import java.util.Map;

/**
 * A connector's health as the hub reports it.
 *
 * @param state   UP when working, DOWN when an instance cannot do its job, UNKNOWN when none runs
 * @param details what an operator needs to see (bound ports, last error), as short strings
 */
public record Health(State state, Map<String, String> details) {
    public enum State { UP, DOWN, UNKNOWN }

    public Health {
        details = Map.copyOf(details);
    }

    public static Health up(Map<String, String> details) {
        return new Health(State.UP, details);
    }

    public static Health down(Map<String, String> details) {
        return new Health(State.DOWN, details);
    }

    public static Health unknown() {
        return new Health(State.UNKNOWN, Map.of("reason", "no running instance"));
    }
}
