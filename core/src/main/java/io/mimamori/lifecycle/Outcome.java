package io.mimamori.lifecycle;

import io.mimamori.alert.Alert;

/**
 * What the lifecycle made of one occurrence.
 *
 * @param alert     the occurrence with its lifecycle fields (occurrences, firstSeenAt, lastSeenAt)
 *                  filled in: what the API shows and, when notified, what the sinks receive
 * @param condition the condition it belongs to, for the store to record the occurrence's row
 * @param notified  whether sinks are told about it
 * @param reason    why not, when {@code notified} is false: {@link #DUPLICATE}, {@link #MAINTENANCE},
 *                  {@link #FLAPPING}, {@link #CLEAR_WITHOUT_PROBLEM}, {@link #CLEARED_BEFORE_PROBLEM}
 */
public record Outcome(Alert alert, Condition condition, boolean notified, String reason) {
    public static final String DUPLICATE = "duplicate";
    public static final String MAINTENANCE = "maintenance";
    public static final String FLAPPING = "flapping";
    public static final String CLEAR_WITHOUT_PROBLEM = "clear_without_problem";
    public static final String CLEARED_BEFORE_PROBLEM = "cleared_before_problem";
    /** A resolve of a condition the sinks were never told about (its trigger was held back). */
    public static final String NEVER_NOTIFIED = "never_notified";

    static Outcome send(Alert a, Condition c) {
        return new Outcome(a, c, true, null);
    }

    static Outcome hold(Alert a, Condition c, String reason) {
        return new Outcome(a, c, false, reason);
    }
}
