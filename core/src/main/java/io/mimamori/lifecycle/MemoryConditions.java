package io.mimamori.lifecycle;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditions in a map, for a lifecycle that needs no outbox (rule tests on a simulated clock);
 * knows when the next timer is due so time can jump to it.
 */
public final class MemoryConditions implements ConditionStore {
    private final Map<String, Condition> all = new LinkedHashMap<>();

    @Override
    public Condition find(String fingerprint) {
        return all.get(fingerprint);
    }

    @Override
    public void changed(Condition c) {
        all.put(c.fingerprint(), c);
    }

    @Override
    public List<Condition> due(long now) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : all.values()) {
            if (isDue(c.expiresAt(), now) || isDue(c.releaseAt(), now)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public List<Condition> held() {
        return all.values().stream().filter(c -> c.heldBy() != null && c.status() == Status.FIRING).toList();
    }

    @Override
    public Alert latest(Condition c) {
        return c.latest();
    }

    /** The earliest timeout or flap release after {@code after}, or 0 when none is pending. */
    public long nextTimerAfter(long after) {
        long next = 0;
        for (Condition c : all.values()) {
            for (long t : new long[] {c.expiresAt(), c.releaseAt()}) {
                if (t > after && (next == 0 || t < next)) {
                    next = t;
                }
            }
        }
        return next;
    }

    private static boolean isDue(long timer, long now) {
        return timer > 0 && timer <= now;
    }
}
