package io.mimamori.lifecycle;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conditions in a map, for lifecycle tests without the outbox. */
final class MemoryConditions implements ConditionStore {
    final Map<String, Condition> all = new HashMap<>();

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
            if ((c.expiresAt() > 0 && c.expiresAt() <= now) || (c.releaseAt() > 0 && c.releaseAt() <= now)) {
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
}
