package io.mimamori.lifecycle;

import java.util.List;

/**
 * Where the lifecycle keeps its conditions. The outbox implements it over its {@code condition}
 * table, inside the transaction that commits the occurrences, so state and alerts never disagree.
 */
public interface ConditionStore {
    /** The condition with this fingerprint, or null if none is known. */
    Condition find(String fingerprint);

    /** Records that {@code c} changed; it is written with the current transaction. */
    void changed(Condition c);

    /** Firing conditions whose timeout or flap settling time is at or before {@code now}. */
    List<Condition> due(long now);

    /** Firing conditions held back by a maintenance window. */
    List<Condition> held();

    /** The latest stored occurrence of {@code c}, for an alert the lifecycle raises on its own. */
    io.mimamori.alert.Alert latest(Condition c);
}
