package io.mimamori.lifecycle;

import java.time.Duration;
import java.util.Map;

/**
 * How the lifecycle treats repeats, clears and flapping, read once from the hub's properties.
 *
 * @param renotifyEvery      a firing condition that keeps repeating is notified again after this
 *                           long (zero: never; only a severity rise or a state change notifies)
 * @param renotifyPerRoute   the same per source route name, overriding {@code renotifyEvery}
 * @param earlyClearGrace    how long a clear for a condition not (yet) firing is remembered, so a
 *                           problem that arrives after its own clear is recognised as already over
 * @param flapChanges        state changes within {@code flapWindow} that mark a condition flapping
 *                           (0 turns flap detection off)
 * @param flapWindow         the window those changes are counted in
 * @param flapStableFor      how long a flapping condition must keep one state before its outcome is notified
 * @param silentAfter        per source route name: raise an alert when a tenant's input on that
 *                           route has been silent this long
 * @param cachedConditions   conditions kept in memory; the rest are read from the outbox on demand
 */
public record LifecycleSettings(Duration renotifyEvery, Map<String, Duration> renotifyPerRoute,
                                Duration earlyClearGrace, int flapChanges, Duration flapWindow,
                                Duration flapStableFor, Map<String, Duration> silentAfter,
                                int cachedConditions) {

    public static final String PREFIX = "mimamori.lifecycle.";
    public static final String RENOTIFY_EVERY = PREFIX + "renotifyEvery";
    public static final String EARLY_CLEAR_GRACE = PREFIX + "earlyClearGrace";
    public static final String FLAP_CHANGES = PREFIX + "flap.changes";
    public static final String FLAP_WINDOW = PREFIX + "flap.window";
    public static final String FLAP_STABLE_FOR = PREFIX + "flap.stableFor";
    public static final String SILENT_AFTER = PREFIX + "silentAfter";
    public static final String CACHED_CONDITIONS = PREFIX + "cachedConditions";

    public LifecycleSettings {
        renotifyPerRoute = Map.copyOf(renotifyPerRoute);
        silentAfter = Map.copyOf(silentAfter);
        requireNotNegative(RENOTIFY_EVERY, renotifyEvery);
        requireNotNegative(EARLY_CLEAR_GRACE, earlyClearGrace);
        requireNotNegative(FLAP_WINDOW, flapWindow);
        requireNotNegative(FLAP_STABLE_FOR, flapStableFor);
        renotifyPerRoute.forEach((r, d) -> requireNotNegative(RENOTIFY_EVERY + "." + r, d));
        silentAfter.forEach((r, d) -> {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(SILENT_AFTER + "." + r + " must be a positive duration, got " + d);
            }
        });
        if (flapChanges < 0 || flapChanges == 1) {
            throw new IllegalArgumentException(FLAP_CHANGES + " must be 0 (off) or at least 2, got " + flapChanges);
        }
        if (cachedConditions < 1) {
            throw new IllegalArgumentException(CACHED_CONDITIONS + " must be positive, got " + cachedConditions);
        }
    }

    private static void requireNotNegative(String key, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be zero or a positive duration, got " + d);
        }
    }

    /** No re-notification, a 10-minute early-clear memory, flapping at 5 changes in 15 minutes, 10 minutes to settle. */
    public static LifecycleSettings defaults() {
        return new LifecycleSettings(Duration.ZERO, Map.of(), Duration.ofMinutes(10), 5, Duration.ofMinutes(15),
                Duration.ofMinutes(10), Map.of(), 20_000);
    }

    public LifecycleSettings withSilentAfter(Map<String, Duration> routes) {
        return new LifecycleSettings(renotifyEvery, renotifyPerRoute, earlyClearGrace, flapChanges, flapWindow,
                flapStableFor, routes, cachedConditions);
    }

    public LifecycleSettings withRenotify(Duration every, Map<String, Duration> perRoute) {
        return new LifecycleSettings(every, perRoute, earlyClearGrace, flapChanges, flapWindow, flapStableFor,
                silentAfter, cachedConditions);
    }

    public LifecycleSettings withFlap(int changes, Duration window, Duration stableFor) {
        return new LifecycleSettings(renotifyEvery, renotifyPerRoute, earlyClearGrace, changes, window, stableFor,
                silentAfter, cachedConditions);
    }

    /** The re-notify interval for alerts from {@code route}; zero for never. */
    Duration renotifyFor(String route) {
        Duration d = route == null ? null : renotifyPerRoute.get(route);
        return d != null ? d : renotifyEvery;
    }
}
