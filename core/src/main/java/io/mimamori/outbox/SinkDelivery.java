package io.mimamori.outbox;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.spi.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink's delivery loop: takes the alerts committed since its cursor into its own delivery
 * rows, calls the sink, and records each outcome. An entry is marked delivered only after the
 * sink accepted it; after a crash, whatever was pending or in flight is delivered again
 * (at-least-once, with the alert's stable dedup key so the incident system folds repeats).
 *
 * <p>Per condition (fingerprint) order holds: an entry is sent only when no earlier entry of the
 * same condition is pending, so a resolve never overtakes its trigger. Failures back off
 * exponentially with jitter (or as the sink's {@code Retry-After} says); consecutive failures open
 * a circuit breaker; a {@code REJECTED} verdict moves the entry to the dead-letter state.
 */
public final class SinkDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);
    /**
     * Most entries sent between two commits of their outcomes: what a kill -9 can make the sink
     * see twice, and what an alert arriving during a round may wait behind. Two calls per lane
     * (at least 16, at most 1000).
     */
    private final int window;
    private static final long IDLE_WAIT_MS = 1000;
    private static final long HOUSEKEEPING_EVERY_MS = 1000;

    /** Calls the sink with a batch (one entry unless the spec's batch size is larger). */
    @FunctionalInterface
    public interface Deliverer {
        /**
         * Returns normally when the sink accepted every entry; throws {@link DeliveryException} with a
         * verdict otherwise. Any other exception is treated as {@code RETRY}.
         */
        void deliver(List<Entry> batch) throws Exception;
    }

    /** One pending delivery: the committed alert and how often it was tried. */
    public record Entry(long id, long seq, String fingerprint, int attempts, long createdAt, byte[] json) {
        /** The alert as committed (parsed on each call; sinks that write JSON can use {@link #json()}). */
        public Alert alert() {
            return AlertJson.fromJson(new String(json, StandardCharsets.UTF_8));
        }

        /** 1 for the first try. */
        public int attempt() {
            return attempts + 1;
        }
    }

    private final Outbox outbox;
    private final SinkSpec spec;
    private final Deliverer deliverer;
    private final DeliveryMetrics metrics;
    /** Whether an entry is this sink's at all (the tenant's routes); the others are passed over, not sent. */
    private final Predicate<Entry> routed;
    private final ExecutorService lanes;
    private final Thread loop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The loop thread's own read connection. */
    private final Connection reader;
    private volatile boolean running = true;
    private volatile long cursor;
    private volatile long pendingCount;
    private volatile long oldestPendingAt;
    private volatile String lastError;
    private int consecutiveFailures;
    private long breakerOpenUntil;
    private long nextHousekeeping;
    private long nextResend;

    private SinkDelivery(Outbox outbox, SinkSpec spec, Deliverer deliverer, DeliveryMetrics metrics,
                         Predicate<Entry> routed, long cursor) throws SQLException {
        this.outbox = outbox;
        this.routed = routed;
        this.reader = outbox.readConnection();
        this.spec = spec;
        this.deliverer = deliverer;
        this.metrics = metrics;
        this.cursor = cursor;
        this.window = Math.min(1000, Math.max(16, spec.batchSize() * spec.concurrency() * 2));
        this.lanes = spec.concurrency() == 1 ? null : Executors.newFixedThreadPool(spec.concurrency(), r -> {
            Thread t = new Thread(r, "mimamori-deliver-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, "mimamori-outbox-" + spec.name());
        this.loop.setDaemon(true);
    }

    /**
     * Registers {@code spec} with the outbox (a sink seen for the first time starts with the alerts
     * committed since the outbox was opened) and starts its loop.
     */
    public static SinkDelivery start(Outbox outbox, SinkSpec spec, Deliverer deliverer, DeliveryMetrics metrics)
            throws Exception {
        return start(outbox, spec, deliverer, metrics, e -> true);
    }

    /** Like {@link #start(Outbox, SinkSpec, Deliverer, DeliveryMetrics)}, passing over the entries {@code routed} refuses. */
    public static SinkDelivery start(Outbox outbox, SinkSpec spec, Deliverer deliverer, DeliveryMetrics metrics,
                                     Predicate<Entry> routed) throws Exception {
        long now = outbox.clock().millis();
        long cursor = await(outbox.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR IGNORE INTO sink (name, cursor, created_at) VALUES (?, ?, ?)")) {
                p.setString(1, spec.name());
                p.setLong(2, outbox.openedAtSeq());
                p.setLong(3, now);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT cursor FROM sink WHERE name = ?")) {
                p.setString(1, spec.name());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        }));
        SinkDelivery d = new SinkDelivery(outbox, spec, deliverer, metrics, routed, cursor);
        outbox.trackCursor(() -> d.cursor);
        outbox.onCommit(d::signal);
        metrics.bind(d);
        d.loop.start();
        return d;
    }

    public SinkSpec spec() {
        return spec;
    }

    /** Entries waiting for this sink (as of the last housekeeping, at most a second old). */
    public long pending() {
        return pendingCount;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Age of the oldest undelivered entry, zero when none waits. */
    public Duration oldestPendingAge() {
        long at = oldestPendingAt;
        return at == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, outbox.clock().millis() - at));
    }

    public boolean breakerOpen() {
        return outbox.clock().millis() < breakerOpenUntil;
    }

    /** True when the sink is failing: its breaker is open or its oldest entry waits too long. */
    public boolean degraded() {
        return breakerOpen() || oldestPendingAge().compareTo(spec.degradedAfter()) > 0;
    }

    /** The last failure's reason, or null. */
    public String lastError() {
        return lastError;
    }

    /** Wakes the loop (new alerts were committed). */
    void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        loop();
        drainOnStop();
    }

    /**
     * On a stop, delivers what is already due for up to {@link #DRAIN_ON_STOP_MS} while the sink
     * works, so a graceful stop leaves the sink current; anything left stays pending for the next start.
     */
    private void drainOnStop() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_ON_STOP_MS);
        try {
            while (System.nanoTime() < until && !breakerOpen() && !Thread.currentThread().isInterrupted()) {
                if (!spec.fallbackOnly() && outbox.lastSeq() > cursor) {
                    materialize();
                }
                List<Entry> due = planWindow(outbox.clock().millis(), window);
                if (due.isEmpty()) {
                    return;
                }
                deliver(due);
            }
        } catch (Exception e) {
            LOG.warn("Sink '{}': stopping with alerts still to deliver (they are kept for the next start): {}",
                    spec.name(), e.toString());
        }
    }

    static final long DRAIN_ON_STOP_MS = 10_000;

    private void loop() {
        while (running) {
            try {
                long now = outbox.clock().millis();
                if (!spec.fallbackOnly() && outbox.lastSeq() > cursor) {
                    materialize();
                }
                if (now >= nextHousekeeping) {
                    housekeeping(now);
                    nextHousekeeping = now + HOUSEKEEPING_EVERY_MS;
                }
                if (now < breakerOpenUntil) {
                    sleep(breakerOpenUntil - now);
                    continue;
                }
                boolean halfOpen = consecutiveFailures >= spec.breakerFailures();
                List<Entry> due = planWindow(now, halfOpen ? 1 : window);
                if (due.isEmpty()) {
                    sleep(IDLE_WAIT_MS);
                    continue;
                }
                deliver(due);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.error("Delivery loop for sink '{}': {}; retrying in a second", spec.name(), e.toString(), e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void sleep(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (running && outbox.lastSeq() <= cursor) {
                wake.await(Math.max(1, Math.min(millis, IDLE_WAIT_MS)), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Creates this sink's delivery rows for the alerts committed since its cursor. */
    private void materialize() throws Exception {
        long upTo = outbox.lastSeq();
        long now = outbox.clock().millis();
        await(outbox.write(c -> {
            materializeIn(c, upTo, now);
            return null;
        }));
        cursor = upTo;
    }

    /** The materializing statements, in a transaction the caller owns; the caller moves {@link #cursor} after commit. */
    private void materializeIn(Connection c, long upTo, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO delivery (sink, seq, fingerprint, state,"
                + " created_at, updated_at) SELECT ?, a.seq, a.fingerprint, '" + Outbox.PENDING + "', ?, ?"
                + " FROM alert a WHERE a.seq > ? AND a.seq <= ? AND a.notify = 1" + filterSql("a.") + " ORDER BY a.seq")) {
            p.setString(1, spec.name());
            p.setLong(2, now);
            p.setLong(3, now);
            p.setLong(4, cursor);
            p.setLong(5, upTo);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE sink SET cursor = ? WHERE name = ?")) {
            p.setLong(1, upTo);
            p.setString(2, spec.name());
            p.executeUpdate();
        }
    }

    /** SQL conditions on the alert table for the spec's tenant and severity filters (values are validated names). */
    private String filterSql(String alias) {
        StringBuilder sb = new StringBuilder();
        if (!spec.tenants().isEmpty()) {
            sb.append(" AND ").append(alias).append("tenant IN (").append(spec.tenants().stream()
                    .map(t -> "'" + t.replace("'", "''") + "'").sorted().collect(Collectors.joining(", "))).append(')');
        }
        if (spec.minSeverity() != null) {
            sb.append(" AND ").append(alias).append("severity <= ").append(spec.minSeverity().ordinal());
        }
        return sb.toString();
    }

    /**
     * Reads up to {@code limit} entries that may be sent now: due, and with no earlier pending entry
     * of the same condition. With {@code supersede}, older pending entries of a condition that has a
     * newer one are marked superseded instead.
     */
    private List<Entry> planWindow(long now, int limit) throws Exception {
        List<Entry> rows = new ArrayList<>();
        try (PreparedStatement p = reader.prepareStatement("SELECT d.id, d.seq, d.fingerprint, d.attempts, d.created_at,"
                     + " a.json FROM delivery d JOIN alert a ON a.seq = d.seq"
                     + " WHERE d.sink = ? AND d.state = '" + Outbox.PENDING + "' AND d.next_at <= ?"
                     + " AND NOT EXISTS (SELECT 1 FROM delivery e WHERE e.sink = d.sink AND e.fingerprint = d.fingerprint"
                     + " AND e.state = '" + Outbox.PENDING + "' AND e.next_at > 0 AND e.id < d.id AND e.next_at > ?)"
                     + " ORDER BY d.id LIMIT ?")) {
            p.setString(1, spec.name());
            p.setLong(2, now);
            p.setLong(3, now);
            p.setInt(4, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Entry(r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4), r.getLong(5),
                            r.getBytes(6)));
                }
            }
        }
        if (!spec.supersede() || rows.size() < 2) {
            return rows;
        }
        Map<String, Entry> latest = new LinkedHashMap<>();
        List<Long> superseded = new ArrayList<>();
        for (Entry e : rows) {
            Entry older = latest.put(e.fingerprint(), e);
            if (older != null) {
                superseded.add(older.id());
            }
        }
        if (!superseded.isEmpty()) {
            await(outbox.write(c -> {
                setState(c, superseded, Outbox.SUPERSEDED, null, now);
                return null;
            }));
            metrics.superseded(superseded.size());
        }
        List<Entry> out = new ArrayList<>(latest.values());
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    /** Sends {@code due} in batches over the lanes, then records every outcome in one transaction. */
    private void deliver(List<Entry> due) throws Exception {
        List<List<Entry>> perLane = new ArrayList<>();
        int laneCount = lanes == null ? 1 : spec.concurrency();
        for (int i = 0; i < laneCount; i++) {
            perLane.add(new ArrayList<>());
        }
        List<Entry> notRouted = new ArrayList<>();
        for (Entry e : due) {
            if (routed.test(e)) {
                perLane.get(Math.floorMod(e.fingerprint().hashCode(), laneCount)).add(e);
            } else {
                notRouted.add(e);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        if (!notRouted.isEmpty()) {
            outcomes.add(new Outcome(notRouted, null, true));
        }
        if (lanes == null) {
            outcomes.addAll(runLane(perLane.get(0)));
        } else {
            List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (List<Entry> lane : perLane) {
                if (!lane.isEmpty()) {
                    futures.add(lanes.submit(() -> runLane(lane)));
                }
            }
            for (Future<List<Outcome>> f : futures) {
                try {
                    outcomes.addAll(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("delivery lane failed", e.getCause());
                }
            }
        }
        record(outcomes);
    }

    /** @param notRouted the entries are not this sink's (their tenant routes them elsewhere): done without a call */
    private record Outcome(List<Entry> batch, DeliveryException failure, boolean notRouted) {
        Outcome(List<Entry> batch, DeliveryException failure) {
            this(batch, failure, false);
        }
    }

    /** One lane's entries in order; after a failure, the rest of that condition's entries wait. */
    private List<Outcome> runLane(List<Entry> entries) {
        List<Outcome> out = new ArrayList<>();
        Set<String> held = new HashSet<>();
        List<Entry> batch = new ArrayList<>(spec.batchSize());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (held.contains(e.fingerprint())) {
                continue;
            }
            batch.add(e);
            if (batch.size() == spec.batchSize() || i == entries.size() - 1) {
                Outcome o = call(List.copyOf(batch));
                out.add(o);
                batch.clear();
                if (o.failure() != null) {
                    if (o.failure().verdict() != DeliveryException.Verdict.REJECTED) {
                        o.batch().forEach(x -> held.add(x.fingerprint()));
                    }
                    if (o.failure().verdict() == DeliveryException.Verdict.RETRY && breakerWouldOpen()) {
                        break;
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            out.add(call(List.copyOf(batch)));
        }
        return out;
    }

    private final AtomicInteger laneFailures = new AtomicInteger();

    private boolean breakerWouldOpen() {
        return consecutiveFailures + laneFailures.get() >= spec.breakerFailures();
    }

    private Outcome call(List<Entry> batch) {
        inFlight.addAndGet(batch.size());
        try {
            deliverer.deliver(batch);
            return new Outcome(batch, null);
        } catch (DeliveryException e) {
            if (e.verdict() == DeliveryException.Verdict.RETRY) {
                laneFailures.incrementAndGet();
            }
            return new Outcome(batch, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(batch, DeliveryException.retry("interrupted while delivering (hub stopping)", e));
        } catch (Exception e) {
            laneFailures.incrementAndGet();
            DeliveryException d = find(e);
            return new Outcome(batch, d != null ? d : DeliveryException.retry(
                    "sink '" + spec.name() + "' failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()), e));
        } finally {
            inFlight.addAndGet(-batch.size());
        }
    }

    /** The DeliveryException in {@code e}'s cause chain, if any (Camel wraps what a producer throws). */
    public static DeliveryException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeliveryException d) {
                return d;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private void record(List<Outcome> outcomes) throws Exception {
        laneFailures.set(0);
        long now = outbox.clock().millis();
        List<Long> delivered = new ArrayList<>();
        List<Long> passedOver = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        Map<Long, String> deadReasons = new HashMap<>();
        List<Object[]> later = new ArrayList<>();
        int accepted = 0;
        int failures = 0;
        for (Outcome o : outcomes) {
            if (o.notRouted()) {
                o.batch().forEach(e -> passedOver.add(e.id()));
                continue;
            }
            if (o.failure() == null) {
                o.batch().forEach(e -> delivered.add(e.id()));
                accepted++;
                continue;
            }
            DeliveryException f = o.failure();
            switch (f.verdict()) {
                case REJECTED -> {
                    for (Entry e : o.batch()) {
                        dead.add(e.id());
                        deadReasons.put(e.id(), f.getMessage());
                    }
                    metrics.deadLettered(o.batch().size());
                    LOG.warn("Sink '{}' rejected {} alert(s) for good; moved to the dead-letter store: {}",
                            spec.name(), o.batch().size(), f.getMessage());
                }
                case DEFERRED -> {
                    long at = now + f.retryAfter().orElse(Duration.ofSeconds(1)).toMillis();
                    o.batch().forEach(e -> later.add(new Object[] {e.id(), e.attempts(), at, f.getMessage()}));
                    metrics.deferred(o.batch().size());
                }
                case RETRY -> {
                    failures++;
                    lastError = f.getMessage();
                    for (Entry e : o.batch()) {
                        long wait = Math.max(backoff(e.attempt()), f.retryAfter().map(Duration::toMillis).orElse(0L));
                        later.add(new Object[] {e.id(), e.attempts() + 1, now + wait, f.getMessage()});
                    }
                    metrics.retried(o.batch().size());
                }
            }
        }
        if (failures > 0 && accepted == 0) {
            consecutiveFailures += failures;
            if (consecutiveFailures >= spec.breakerFailures()) {
                breakerOpenUntil = now + spec.breakerOpenFor().toMillis();
                LOG.warn("Sink '{}' failed {} time(s) in a row; pausing it for {} s: {}", spec.name(),
                        consecutiveFailures, spec.breakerOpenFor().toSeconds(), lastError);
            }
        } else if (accepted > 0) {
            if (consecutiveFailures >= spec.breakerFailures()) {
                LOG.info("Sink '{}' accepts alerts again", spec.name());
            }
            consecutiveFailures = 0;
            breakerOpenUntil = 0;
        }
        long upTo = spec.fallbackOnly() ? cursor : outbox.lastSeq();
        await(outbox.write(c -> {
            if (upTo > cursor) {
                // the alerts committed meanwhile join the same transaction: one fsync per round
                materializeIn(c, upTo, now);
            }
            setState(c, delivered, Outbox.DELIVERED, null, now);
            setState(c, passedOver, Outbox.DELIVERED, "not routed to this sink by tenants.yaml", now);
            for (Long id : dead) {
                setState(c, List.of(id), Outbox.DEAD, deadReasons.get(id), now);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE delivery SET attempts = ?, next_at = ?, reason = ?,"
                    + " updated_at = ? WHERE id = ?")) {
                for (Object[] l : later) {
                    p.setInt(1, (Integer) l[1]);
                    p.setLong(2, (Long) l[2]);
                    p.setString(3, (String) l[3]);
                    p.setLong(4, now);
                    p.setLong(5, (Long) l[0]);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        }));
        cursor = Math.max(cursor, upTo);
        metrics.delivered(delivered.size());
        metrics.notRouted(passedOver.size());
    }

    /** Exponential backoff with jitter: half to all of {@code initial * 2^(attempt-1)}, capped. */
    long backoff(int attempt) {
        long base = spec.retryInitial().toMillis() << Math.min(30, Math.max(0, attempt - 1));
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, spec.retryMax().toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void setState(Connection c, List<Long> ids, String state, String reason, long now)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE delivery SET state = ?, attempts = attempts + 1, reason = ?, updated_at = ? WHERE id = ?")) {
            for (Long id : ids) {
                p.setString(1, state);
                p.setString(2, reason);
                p.setLong(3, now);
                p.setLong(4, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Statistics for metrics and health, re-sends of firing conditions, hand-over to the fallback. */
    private void housekeeping(long now) throws Exception {
        try (PreparedStatement p = reader.prepareStatement("SELECT count(*), coalesce(min(created_at), 0) FROM delivery"
                     + " WHERE sink = ? AND state = '" + Outbox.PENDING + "'")) {
            p.setString(1, spec.name());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                pendingCount = r.getLong(1);
                oldestPendingAt = r.getLong(2);
            }
        }
        if (spec.resendFiringEvery() != null && now >= nextResend) {
            nextResend = now + spec.resendFiringEvery().toMillis();
            resendFiring(now);
        }
        if (spec.fallback() != null && oldestPendingAt != 0 && now - oldestPendingAt >= spec.fallbackAfter().toMillis()) {
            handToFallback(now);
        }
    }

    /** Queues every firing condition this sink already has, unless one of its entries is still pending. */
    private void resendFiring(long now) throws Exception {
        long upTo = cursor;
        String filter = filterSql("a.");
        int n = await(outbox.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO delivery (sink, seq, fingerprint, state,"
                    + " created_at, updated_at) SELECT ?, c.notified_seq, c.fingerprint, '" + Outbox.PENDING + "', ?, ?"
                    + " FROM condition c JOIN alert a ON a.seq = c.notified_seq WHERE c.notified_status = 'firing'"
                    + " AND c.notified_seq <= ?" + filter
                    + " AND c.fingerprint NOT IN (SELECT d.fingerprint FROM delivery d WHERE d.sink = ?"
                    + " AND d.state = '" + Outbox.PENDING + "') ORDER BY c.notified_seq")) {
                p.setString(1, spec.name());
                p.setLong(2, now);
                p.setLong(3, now);
                p.setLong(4, upTo);
                p.setString(5, spec.name());
                return p.executeUpdate();
            }
        }));
        if (n > 0) {
            LOG.debug("Sink '{}': re-sending {} firing alert(s)", spec.name(), n);
            metrics.resent(n);
        }
    }

    /** Gives the fallback sink every entry that has failed here for {@code fallbackAfter}. */
    private void handToFallback(long now) throws Exception {
        long before = now - spec.fallbackAfter().toMillis();
        int n = await(outbox.write(c -> {
            int count;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO delivery (sink, seq, fingerprint, state,"
                    + " created_at, updated_at) SELECT ?, seq, fingerprint, '" + Outbox.PENDING + "', ?, ?"
                    + " FROM delivery WHERE sink = ? AND state = '" + Outbox.PENDING + "' AND fallback_sent = 0"
                    + " AND created_at <= ? ORDER BY id")) {
                p.setString(1, spec.fallback());
                p.setLong(2, now);
                p.setLong(3, now);
                p.setString(4, spec.name());
                p.setLong(5, before);
                count = p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE delivery SET fallback_sent = 1 WHERE sink = ?"
                    + " AND state = '" + Outbox.PENDING + "' AND fallback_sent = 0 AND created_at <= ?")) {
                p.setString(1, spec.name());
                p.setLong(2, before);
                p.executeUpdate();
            }
            return count;
        }));
        if (n > 0) {
            LOG.warn("Sink '{}' has failed for over {} s; handed {} alert(s) to fallback sink '{}'", spec.name(),
                    spec.fallbackAfter().toSeconds(), n, spec.fallback());
            metrics.handedToFallback(n);
        }
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Stops after the calls in flight; what was not delivered stays pending for the next start. */
    @Override
    public void close() {
        running = false;
        signal();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lanes != null) {
            lanes.shutdownNow();
        }
        metrics.unbind();
        try {
            reader.close();
        } catch (SQLException e) {
            LOG.debug("Closing the read connection of sink '{}': {}", spec.name(), e.toString());
        }
    }
}
