package io.mimamori.lifecycle;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One alert per real condition: dedup of repeats, problem/clear pairing in either order,
 * auto-resolve of one-shot events, flap detection, maintenance holds and silent-source alerts.
 *
 * <p>For each occurrence {@link #onAlert} decides whether the sinks hear of it; {@link #tick}
 * raises what time alone changes (timeouts, a flapping condition settling, a maintenance window
 * ending, a source gone quiet). Not thread-safe: the outbox's writer thread runs it, inside the
 * transaction that commits the outcomes, so the state and the alerts are always in step.
 *
 * <p>Rules, for a condition's occurrences in arrival order:
 * <ul>
 * <li>A problem for a condition that is not firing opens an episode and is notified. A repeat
 * while firing raises {@code occurrences} and {@code lastSeenAt} and is not notified, unless its
 * severity is more urgent than the one notified or the route's re-notify interval has passed.</li>
 * <li>A clear of a firing condition is notified if its trigger was. A clear of anything else is
 * remembered for {@code earlyClearGrace}: a problem that arrives later but happened before that
 * clear (both stamped by the sender) is already over and is not notified.</li>
 * <li>A firing occurrence with {@code timeoutSeconds} resolves itself that long after the last
 * occurrence.</li>
 * <li>{@code flapChanges} state changes within {@code flapWindow} mark a condition flapping:
 * nothing is notified until it has kept one state for {@code flapStableFor}; then one
 * notification states the outcome.</li>
 * <li>A firing notification inside a maintenance window is held and counted; a clear of a
 * notified condition always passes; whatever still fires when its window ends is notified then.</li>
 * </ul>
 */
public final class Lifecycle {
    public static final String SILENT_EVENT = "source_silent";

    private final LifecycleSettings settings;
    private final ConditionStore store;
    private final MaintenanceGate maintenance;
    private final UnaryOperator<Alert> completer;
    private final Clock clock;
    /** Clears of conditions that were not firing, by fingerprint; bounded, and kept for earlyClearGrace. */
    private final Map<String, EarlyClear> earlyClears;
    /** Per tenant and route with a silence limit: when its last input arrived. */
    private final Map<String, SourceActivity> sources = new LinkedHashMap<>();
    private Instant nextMaintenanceChange;
    private long maintenanceVersion;

    /**
     * @param completer fills tenant-independent fields (site, id, fingerprint) of alerts the
     *                  lifecycle raises itself, as the pipeline does for sources
     */
    public Lifecycle(LifecycleSettings settings, ConditionStore store, MaintenanceGate maintenance,
                     UnaryOperator<Alert> completer, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.maintenance = maintenance;
        this.completer = completer;
        this.clock = clock;
        int maxEarly = Math.max(1024, settings.cachedConditions() / 10);
        this.earlyClears = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EarlyClear> eldest) {
                return size() > maxEarly;
            }
        };
        this.maintenanceVersion = maintenance.version();
        this.nextMaintenanceChange = maintenance.nextChange(clock.instant());
    }

    /** Restores silent-source tracking (tenant, route, connector, last input) after a restart. */
    public void restoreSource(String tenant, String route, String connector, long lastInput) {
        if (settings.silentAfter().containsKey(route)) {
            sources.put(tenant + '\u0000' + route, new SourceActivity(tenant, route, connector, lastInput));
        }
    }

    /** The tracked sources, for the store to persist: tenant, route, connector, last input. */
    public List<SourceActivity> sources() {
        return List.copyOf(sources.values());
    }

    /** Decides about one completed occurrence; the result may also resolve a silent-source alert. */
    public List<Outcome> onAlert(Alert alert) {
        List<Outcome> out = new ArrayList<>(1);
        long now = clock.millis();
        out.add(alert.firing() ? problem(alert, now) : clear(alert, now));
        noteInput(alert, now, out);
        return out;
    }

    private Outcome problem(Alert a, long now) {
        Condition c = store.find(a.fingerprint());
        long seen = seenAt(a, now);
        if (c == null || c.status != Status.FIRING) {
            EarlyClear early = earlyClears.remove(a.fingerprint());
            if (early != null && early.covers(a, now, settings.earlyClearGrace().toMillis())) {
                if (c == null) {
                    c = fresh(a, seen);
                    c.status = Status.RESOLVED;
                }
                c.lastSeen = seen;
                store.changed(c);
                return Outcome.hold(stamp(a, c), c, Outcome.CLEARED_BEFORE_PROBLEM);
            }
            if (c == null) {
                c = fresh(a, seen);
            } else {
                c.firstSeen = seen;
                c.occurrences = 0;
            }
            c.status = Status.FIRING;
            changedState(c, now);
        }
        c.tenant = a.tenant();
        c.occurrences++;
        c.lastSeen = Math.max(c.lastSeen, seen);
        c.severity = a.severity();
        c.expiresAt = a.timeoutSeconds() != null && a.timeoutSeconds() > 0
                ? now + a.timeoutSeconds() * 1000L : 0;
        Alert stamped = stamp(a, c);
        c.latest = stamped;
        store.changed(c);
        return notifyFiring(stamped, c, now, false);
    }

    /** Whether a firing occurrence goes out: the gates (flapping, maintenance), then dedup. */
    private Outcome notifyFiring(Alert a, Condition c, long now, boolean forced) {
        if (c.flapping) {
            return Outcome.hold(a, c, Outcome.FLAPPING);
        }
        boolean news = forced || c.notifiedStatus != Status.FIRING
                || (c.notifiedSeverity != null && a.severity().ordinal() < c.notifiedSeverity.ordinal())
                || renotifyDue(a, c, now);
        if (!news) {
            return Outcome.hold(a, c, Outcome.DUPLICATE);
        }
        String window = maintenance.windowFor(a, Instant.ofEpochMilli(now));
        if (window != null) {
            c.heldBy = window;
            return Outcome.hold(a, c, Outcome.MAINTENANCE);
        }
        c.heldBy = null;
        c.notifiedStatus = Status.FIRING;
        c.notifiedSeverity = a.severity();
        c.notifiedAt = now;
        return Outcome.send(a, c);
    }

    private boolean renotifyDue(Alert a, Condition c, long now) {
        Duration every = settings.renotifyFor(a.source() == null ? null : a.source().route());
        return !every.isZero() && now - c.notifiedAt >= every.toMillis();
    }

    private Outcome clear(Alert a, long now) {
        Condition c = store.find(a.fingerprint());
        long seen = seenAt(a, now);
        if (c == null || c.status != Status.FIRING) {
            if (!settings.earlyClearGrace().isZero() && a.source() != null && a.source().sourceTime() != null) {
                earlyClears.put(a.fingerprint(), new EarlyClear(a.source().sourceTime().toEpochMilli(), now));
            }
            if (c == null) {
                return Outcome.hold(a, null, Outcome.CLEAR_WITHOUT_PROBLEM);
            }
            return Outcome.hold(stamp(a, c), c, Outcome.CLEAR_WITHOUT_PROBLEM);
        }
        c.status = Status.RESOLVED;
        c.lastSeen = Math.max(c.lastSeen, seen);
        c.expiresAt = 0;
        changedState(c, now);
        Alert stamped = stamp(a, c);
        c.latest = stamped;
        store.changed(c);
        return notifyResolved(stamped, c, now);
    }

    private Outcome notifyResolved(Alert a, Condition c, long now) {
        c.heldBy = null;
        if (c.flapping) {
            return Outcome.hold(a, c, Outcome.FLAPPING);
        }
        if (c.notifiedStatus != Status.FIRING) {
            return Outcome.hold(a, c, Outcome.NEVER_NOTIFIED);
        }
        c.notifiedStatus = Status.RESOLVED;
        c.notifiedSeverity = a.severity();
        c.notifiedAt = now;
        return Outcome.send(a, c);
    }

    /** Counts a state change towards flapping; marks or keeps the condition flapping. */
    private void changedState(Condition c, long now) {
        int n = settings.flapChanges();
        if (n == 0) {
            return;
        }
        long from = now - settings.flapWindow().toMillis();
        long[] recent = Arrays.stream(c.changes).filter(t -> t > from).toArray();
        long[] next = Arrays.copyOf(recent, recent.length + 1);
        next[recent.length] = now;
        if (next.length > n) {
            next = Arrays.copyOfRange(next, next.length - n, next.length);
        }
        c.changes = next;
        if (next.length >= n) {
            c.flapping = true;
        }
        if (c.flapping) {
            c.releaseAt = now + settings.flapStableFor().toMillis();
        }
    }

    /** What time alone changes at {@code clock.millis()}: timeouts, settled flapping, windows ended, silence. */
    public List<Outcome> tick() {
        long now = clock.millis();
        List<Outcome> out = new ArrayList<>();
        for (Condition c : store.due(now)) {
            if (c.flapping && c.releaseAt > 0 && c.releaseAt <= now) {
                settle(c, now, out);
            } else if (c.status == Status.FIRING && c.expiresAt > 0 && c.expiresAt <= now) {
                expire(c, now, out);
            }
        }
        Instant at = Instant.ofEpochMilli(now);
        if (maintenance.version() != maintenanceVersion) {
            // a window was added or removed: what it held may be free now
            maintenanceVersion = maintenance.version();
            nextMaintenanceChange = at;
        }
        if (nextMaintenanceChange != null && !at.isBefore(nextMaintenanceChange)) {
            nextMaintenanceChange = maintenance.nextChange(at);
            for (Condition c : store.held()) {
                if (c.status == Status.FIRING) {
                    Alert latest = store.latest(c);
                    Outcome o = latest == null ? null : notifyFiring(latest, c, now, true);
                    if (o != null && o.notified()) {
                        out.add(o);
                        store.changed(c);
                    }
                }
            }
        }
        checkSilence(now, out);
        return out;
    }

    /** The instant the next {@link #tick} may have work for the maintenance windows (null: none). */
    public Instant nextMaintenanceChange() {
        return nextMaintenanceChange;
    }

    private void settle(Condition c, long now, List<Outcome> out) {
        c.flapping = false;
        c.releaseAt = 0;
        c.changes = new long[0];
        Alert latest = store.latest(c);
        store.changed(c);
        if (latest == null) {
            return;
        }
        Alert told = withLifecycleDetail(latest, "settled after flapping");
        if (c.status == Status.FIRING) {
            out.add(notifyFiring(told, c, now, true));
        } else if (c.notifiedStatus == Status.FIRING) {
            out.add(notifyResolved(told, c, now));
        }
    }

    private void expire(Condition c, long now, List<Outcome> out) {
        Alert latest = store.latest(c);
        c.status = Status.RESOLVED;
        c.expiresAt = 0;
        changedState(c, now);
        store.changed(c);
        if (latest == null) {
            return;
        }
        Alert resolved = withLifecycleDetail(latest.toBuilder().status(Status.RESOLVED)
                .id(null).lastSeenAt(Instant.ofEpochMilli(c.lastSeen)).build(),
                "auto-resolved: no repeat within " + latest.timeoutSeconds() + " s");
        c.latest = completer.apply(resolved);
        out.add(notifyResolved(c.latest, c, now));
    }

    // --- silent sources ---

    private void noteInput(Alert a, long now, List<Outcome> out) {
        AlertSource src = a.source();
        if (src == null || src.route() == null || a.event().equals(SILENT_EVENT)) {
            return;
        }
        noteInput(a.tenant(), src.connector(), src.route(), now, out);
    }

    /**
     * A source that is working although nothing arrived (an SQS queue polled empty): it keeps the
     * tenant's input on {@code route} from counting as silent, and resolves a raised silence.
     */
    public List<Outcome> sourceActive(String tenant, String connector, String route) {
        List<Outcome> out = new ArrayList<>(0);
        noteInput(tenant, connector, route, clock.millis(), out);
        return out;
    }

    private void noteInput(String tenant, String connector, String route, long now, List<Outcome> out) {
        if (!settings.silentAfter().containsKey(route)) {
            return;
        }
        String key = tenant + '\u0000' + route;
        SourceActivity s = sources.get(key);
        if (s == null || now > s.lastInput()) {
            sources.put(key, new SourceActivity(tenant, route, connector, now));
        }
        Alert silent = silentAlert(tenant, route, connector, now, Status.RESOLVED);
        Condition c = store.find(silent.fingerprint());
        if (c != null && c.status == Status.FIRING) {
            out.add(clear(silent, now));
        }
    }

    private void checkSilence(long now, List<Outcome> out) {
        for (SourceActivity s : sources.values()) {
            long limit = settings.silentAfter().get(s.route()).toMillis();
            if (now - s.lastInput() < limit) {
                continue;
            }
            Alert silent = silentAlert(s.tenant(), s.route(), s.connector(), s.lastInput(), Status.FIRING);
            Condition c = store.find(silent.fingerprint());
            if (c == null || c.status != Status.FIRING) {
                out.add(problem(silent, now));
            }
        }
    }

    private Alert silentAlert(String tenant, String route, String connector, long lastInput, Status status) {
        Instant now = clock.instant();
        Duration limit = settings.silentAfter().get(route);
        return completer.apply(Alert.builder()
                .tenant(tenant)
                .status(status)
                .severity(Severity.MAJOR)
                .layer(Layer.NETWORK)
                .event(SILENT_EVENT)
                .resource(route)
                .summary(status == Status.FIRING
                        ? "No input on " + route + " for " + human(limit) + " (last at " + Instant.ofEpochMilli(lastInput) + ")"
                        : "Input on " + route + " is back")
                .dedupKey("mimamori/silent/" + route)
                .source(new AlertSource("mimamori-lifecycle", route, null, now, null))
                .detail("lastInputAt", Instant.ofEpochMilli(lastInput).toString())
                .detail("connector", connector)
                .build());
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    // --- helpers ---

    private Condition fresh(Alert a, long seen) {
        Condition c = new Condition(a.fingerprint());
        c.tenant = a.tenant();
        c.firstSeen = seen;
        c.lastSeen = seen;
        c.severity = a.severity();
        return c;
    }

    /** The occurrence with the condition's lifecycle fields. */
    private static Alert stamp(Alert a, Condition c) {
        long first = c.firstSeen;
        long occurrences = Math.max(1, c.occurrences);
        if (a.occurrences() == occurrences && a.firstSeenAt() != null && a.firstSeenAt().toEpochMilli() == first) {
            return a;
        }
        return new Alert(a.schema(), a.id(), a.tenant(), a.site(), a.status(), a.severity(), a.sourceSeverity(),
                a.layer(), a.event(), a.resource(), a.host(), a.ip(), a.summary(), a.dedupKey(), a.fingerprint(),
                a.source(), a.labels(), a.details(), a.links(), occurrences, Instant.ofEpochMilli(first),
                Instant.ofEpochMilli(Math.max(c.lastSeen, a.lastSeenAt() == null ? 0 : a.lastSeenAt().toEpochMilli())),
                a.timeoutSeconds(), a.raw());
    }

    private static Alert withLifecycleDetail(Alert a, String note) {
        Map<String, Object> details = new LinkedHashMap<>(a.details());
        details.put("lifecycle", note);
        return a.toBuilder().details(details).build();
    }

    private static long seenAt(Alert a, long now) {
        return a.lastSeenAt() != null ? a.lastSeenAt().toEpochMilli() : now;
    }

    /**
     * A clear that came while its condition was not firing.
     *
     * @param sentAt    when the sender stamped it (only stamped clears are remembered)
     * @param arrivedAt when it arrived here
     */
    private record EarlyClear(long sentAt, long arrivedAt) {
        /**
         * Whether problem {@code a} happened before this clear: only the sender's own clock can
         * say so; without its timestamp, arrival order stands and the problem is the newer news.
         */
        boolean covers(Alert a, long now, long grace) {
            AlertSource s = a.source();
            return s != null && s.sourceTime() != null && s.sourceTime().toEpochMilli() <= sentAt
                    && now - arrivedAt <= grace;
        }
    }

    /** A tenant's input on a route with a silence limit. */
    public record SourceActivity(String tenant, String route, String connector, long lastInput) {
    }
}
