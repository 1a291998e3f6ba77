package io.mimamori.outbox;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.lifecycle.ConditionStore;
import io.mimamori.lifecycle.Lifecycle;
import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.lifecycle.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.sqlite.SQLiteConfig;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: every alert the pipeline emits is committed here, in SQLite
 * ({@code DATA/outbox.db}, WAL journal, {@code synchronous=FULL}), before its input is acknowledged;
 * each sink's delivery loop ({@link SinkDelivery}) reads it and marks entries done only after the
 * sink accepted them.
 *
 * <p>One writer thread owns the write connection and group-commits whatever is queued: alerts to
 * commit and the delivery loops' state changes share one transaction and one fsync. Readers use
 * their own connections; WAL lets them read while the writer writes, and lets {@code mimamori dlq}
 * work on the file while the hub runs.
 *
 * <p>The {@link Lifecycle} runs on the writer thread, inside the same transaction: each occurrence
 * is recorded, and only those it notifies are delivered.
 *
 * <p>Tables: {@code alert} (one row per recorded occurrence, by sequence number; {@code notify}
 * says whether sinks get it), {@code condition} (the lifecycle's state per fingerprint and its
 * latest and latest notified occurrence: the API's view after a restart), {@code source_activity}
 * (when each watched input last had traffic), {@code sink}
 * (each sink's cursor into {@code alert}), {@code delivery} (one row per alert per sink: pending,
 * delivered, superseded or dead, with attempts, next attempt time and reason).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    public static final String FILE_NAME = "outbox.db";
    static final int SCHEMA_VERSION = 2;
    private static final int MAX_TASKS_PER_TRANSACTION = 4096;
    /**
     * Alerts per transaction: enough for one fsync to cover a burst, few enough that a transaction's
     * alerts, outcomes and bound rows stay a small part of the heap when the writer falls behind.
     */
    private static final int MAX_ALERTS_PER_TRANSACTION = 2048;
    /** Bound rows sent to SQLite at a time, so a large transaction holds no long parameter batch. */
    private static final int ROWS_PER_EXECUTE = 256;

    /** Delivery states as stored. */
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String SUPERSEDED = "superseded";
    static final String DEAD = "dead";

    /** Told once the alerts are durably committed ({@code error == null}) or could not be. */
    @FunctionalInterface
    public interface Committed {
        void done(Throwable error);

        /** Before {@link #done}: how many of the alerts were recorded (the rest were clears of nothing). */
        default void recorded(int count) {
        }
    }

    /** A unit of work for the writer, run inside its transaction (in a savepoint of its own). */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private sealed interface Task permits AlertTask, WorkTask, ActivityTask {
    }

    private record ActivityTask(String tenant, String connector, String route) implements Task {
    }

    private record AlertTask(List<Alert> alerts, List<byte[]> json, Committed committed) implements Task {
    }

    private record WorkTask(Work<?> work, CompletableFuture<Object> result) implements Task {
    }

    private final Path file;
    private final String url;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Connection writeConnection;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingAlerts = new AtomicInteger();
    private final AtomicLong lastSeq;
    private final long openedAtSeq;
    private final Thread writer;
    private final Consumer<List<Outcome>> onCommitted;
    private final SqlConditions conditions;
    private final Lifecycle lifecycle;
    private long nextTickAt;
    private long nextSourcesSaveAt;
    private final List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;
    private long nextPruneAt;

    private Outbox(Path file, OutboxSettings settings, Clock clock, LifecycleFactory lifecycle,
                   int cachedConditions, Consumer<List<Outcome>> onCommitted) throws SQLException {
        this.file = file;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.settings = settings;
        this.clock = clock;
        this.onCommitted = onCommitted;
        this.writeConnection = connect(url, true, settings.fsync());
        migrate(writeConnection);
        this.conditions = new SqlConditions(writeConnection, cachedConditions);
        this.lifecycle = lifecycle.create(conditions);
        restoreSources();
        this.lastSeq = new AtomicLong(queryLong(writeConnection, "SELECT coalesce(max(seq), 0) FROM alert"));
        this.openedAtSeq = lastSeq.get();
        this.writer = new Thread(this::writeLoop, "mimamori-outbox-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Builds the lifecycle over the outbox's condition store. */
    @FunctionalInterface
    public interface LifecycleFactory {
        Lifecycle create(ConditionStore conditions);
    }

    /**
     * Opens (creating if needed) {@code dataDir/outbox.db}.
     *
     * @param lifecycle   the lifecycle every committed occurrence passes through
     * @param onCommitted called on the writer thread with each committed group of outcomes, in order
     */
    public static Outbox open(Path dataDir, OutboxSettings settings, Clock clock, LifecycleSettings lifecycle,
                              LifecycleFactory factory, Consumer<List<Outcome>> onCommitted) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return new Outbox(file, settings, clock, factory, lifecycle.cachedConditions(), onCommitted);
        } catch (SQLException e) {
            throw new IOException("cannot open the outbox " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the outbox with the default lifecycle, no maintenance windows, telling {@code onCommitted} the notified alerts. */
    public static Outbox open(Path dataDir, OutboxSettings settings, Clock clock, Consumer<List<Alert>> onCommitted)
            throws IOException {
        LifecycleSettings ls = LifecycleSettings.defaults();
        return open(dataDir, settings, clock, ls,
                store -> new Lifecycle(ls, store, MaintenanceGate.NONE, a -> a, clock),
                outcomes -> onCommitted.accept(outcomes.stream().filter(Outcome::notified).map(Outcome::alert).toList()));
    }

    static Connection connect(String url, boolean writer, boolean fsync) throws SQLException {
        return connect(url, writer, fsync, false);
    }

    /** {@code tool}: a separate process (the dlq command) that writes to a hub's outbox; no schema changes. */
    static Connection connect(String url, boolean writer, boolean fsync, boolean tool) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(30_000);
        if (tool) {
            cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        } else if (writer) {
            cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: each commit's WAL frames are on disk before commit returns, so an
            // acknowledged alert survives power loss; NORMAL only survives a process crash.
            cfg.setSynchronous(fsync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);

        } else {
            cfg.setReadOnly(true);
        }
        return cfg.createConnection(url);
    }

    private static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS alert (seq INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL,"
                    + " tenant TEXT NOT NULL, status TEXT NOT NULL, severity INTEGER NOT NULL,"
                    + " received_at INTEGER NOT NULL, json BLOB NOT NULL, notify INTEGER NOT NULL DEFAULT 1)");
            s.execute(SqlConditions.DDL);
            for (String index : SqlConditions.INDEXES) {
                s.execute(index);
            }
            s.execute("CREATE TABLE IF NOT EXISTS source_activity (tenant TEXT NOT NULL, route TEXT NOT NULL,"
                    + " connector TEXT NOT NULL, last_input INTEGER NOT NULL, PRIMARY KEY (tenant, route)) WITHOUT ROWID");

            s.execute("CREATE TABLE IF NOT EXISTS sink (name TEXT PRIMARY KEY, cursor INTEGER NOT NULL,"
                    + " created_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS delivery (id INTEGER PRIMARY KEY, sink TEXT NOT NULL,"
                    + " seq INTEGER NOT NULL, fingerprint TEXT NOT NULL, state TEXT NOT NULL,"
                    + " attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL DEFAULT 0, reason TEXT,"
                    + " fallback_sent INTEGER NOT NULL DEFAULT 0,"
                    + " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS delivery_todo ON delivery (sink, state, id)");
            s.execute("CREATE INDEX IF NOT EXISTS delivery_seq ON delivery (seq)");
            // Only entries that wait for a retry are indexed by condition (the per-condition order
            // check needs them); fresh entries stay out, so the common path inserts no random keys.
            s.execute("CREATE INDEX IF NOT EXISTS delivery_waiting ON delivery (sink, fingerprint, id)"
                    + " WHERE state = 'pending' AND next_at > 0");
            s.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '" + SCHEMA_VERSION + "')");
            if (queryLong(c, "SELECT value FROM meta WHERE key = 'schema'") == 1) {
                migrateFrom1(s);
            }
        }
        long version = queryLong(c, "SELECT value FROM meta WHERE key = 'schema'");
        if (version != SCHEMA_VERSION) {
            throw new SQLException("outbox schema version " + version + " is not " + SCHEMA_VERSION
                    + ": this hub cannot read it; move the file aside to start afresh");
        }
    }

    /** Version 1 kept only the latest alert per fingerprint ({@code current}); its conditions become lifecycle state. */
    private static void migrateFrom1(Statement s) throws SQLException {
        s.execute("ALTER TABLE alert ADD COLUMN notify INTEGER NOT NULL DEFAULT 1");
        s.execute("INSERT OR IGNORE INTO condition (fingerprint, tenant, status, severity, first_seen, last_seen,"
                + " occurrences, notified_status, notified_severity, notified_at, seq, notified_seq, updated_at)"
                + " SELECT c.fingerprint, a.tenant, c.status, a.severity, a.received_at, a.received_at, 1, c.status,"
                + " a.severity, c.updated_at, c.seq, c.seq, c.updated_at FROM current c JOIN alert a ON a.seq = c.seq");
        s.execute("DROP TABLE current");
        s.execute("UPDATE meta SET value = '2' WHERE key = 'schema'");
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    public Path file() {
        return file;
    }

    Clock clock() {
        return clock;
    }

    OutboxSettings settings() {
        return settings;
    }

    /** A new read-only connection for a delivery loop or a query; the caller closes it. */
    Connection readConnection() throws SQLException {
        return connect(url, false, false);
    }

    /** The sequence number of the newest committed alert. */
    long lastSeq() {
        return lastSeq.get();
    }

    /** Where a sink seen for the first time starts: the alerts committed since this hub opened the outbox. */
    long openedAtSeq() {
        return openedAtSeq;
    }

    /** Runs {@code r} on the writer thread after each commit of alerts (e.g. to wake a delivery loop). */
    void onCommit(Runnable r) {
        commitListeners.add(r);
    }

    private final List<java.util.function.LongSupplier> cursors = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A running sink's cursor: alerts past the lowest one are never pruned. */
    void trackCursor(java.util.function.LongSupplier cursor) {
        cursors.add(cursor);
    }

    /** Alerts queued or being committed. */
    public int queued() {
        return pendingAlerts.get();
    }

    /**
     * Queues {@code alerts} to be committed together; {@code committed} is called once, from the
     * writer thread, when all of them are durable or could not be written.
     *
     * @return false, without calling {@code committed}, when they do not fit or the outbox closed
     */
    public boolean commit(List<Alert> alerts, Committed committed) {
        int n = alerts.size();
        if (closing || pendingAlerts.addAndGet(n) > settings.queueCapacity()) {
            pendingAlerts.addAndGet(-n);
            return false;
        }
        List<byte[]> json = new ArrayList<>(n);
        for (Alert a : alerts) {
            json.add(AlertJson.toBytes(a));
        }
        queue.add(new AlertTask(alerts, json, committed));
        return true;
    }

    /**
     * Tells the lifecycle that a source of {@code tenant} on {@code route} works though nothing
     * arrived (an SQS queue polled empty), so its silence is not raised; committed with the next batch.
     */
    public void sourceActive(String tenant, String connector, String route) {
        if (!closing) {
            queue.add(new ActivityTask(tenant, connector, route));
        }
    }

    /** Runs {@code work} in the writer's next transaction; the future completes after the commit. */
    <T> CompletableFuture<T> write(Work<T> work) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (closing) {
            f.completeExceptionally(new IllegalStateException("outbox closed"));
        } else {
            queue.add(new WorkTask(work, f));
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> t = (CompletableFuture<T>) (CompletableFuture<?>) f;
        return t;
    }

    /** The latest alert of every condition the outbox knows, for the API store after a restart. */
    public List<Alert> currentAlerts() throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (Connection c = readConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT a.json FROM condition c JOIN alert a ON a.seq = c.seq ORDER BY c.seq")) {
            while (r.next()) {
                out.add(AlertJson.fromJson(new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private void writeLoop() {
        List<Task> batch = new ArrayList<>(MAX_TASKS_PER_TRANSACTION);
        while (true) {
            try {
                Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    int alerts = first instanceof AlertTask at ? at.alerts().size() : 0;
                    while (alerts < MAX_ALERTS_PER_TRANSACTION && batch.size() < MAX_TASKS_PER_TRANSACTION) {
                        Task next = queue.poll();
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                        alerts += next instanceof AlertTask at ? at.alerts().size() : 0;
                    }
                    run(batch);
                    batch.clear();
                } else if (closing && queue.isEmpty()) {
                    return;
                }
                maybeTick();
                maybePrune();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Outbox writer: {}", e.toString(), e);
            }
        }
    }

    private PreparedStatement insertAlert;
    private int boundRows;

    private void run(List<Task> batch) {
        Throwable error = null;
        long seqBefore = lastSeq.get();
        long seq = seqBefore;
        Object[] results = new Object[batch.size()];
        List<Outcome> outcomes = new ArrayList<>();
        int[] recorded = new int[batch.size()];
        try {
            writeConnection.setAutoCommit(false);
            long now = clock.millis();
            for (int t = 0; t < batch.size(); t++) {
                if (batch.get(t) instanceof ActivityTask act) {
                    for (Outcome o : lifecycle.sourceActive(act.tenant(), act.connector(), act.route())) {
                        if (recordable(o)) {
                            seq = record(o, null, seq, now);
                        }
                        outcomes.add(o);
                    }
                }
                if (batch.get(t) instanceof AlertTask at) {
                    for (int i = 0; i < at.alerts().size(); i++) {
                        Alert input = at.alerts().get(i);
                        byte[] json = at.json().get(i);
                        List<Outcome> os = lifecycle.onAlert(input);
                        for (int k = 0; k < os.size(); k++) {
                            Outcome o = os.get(k);
                            if (recordable(o)) {
                                seq = record(o, o.alert() == input ? json : null, seq, now);
                                if (k == 0) {
                                    recorded[t]++;
                                }
                            }
                            outcomes.add(o);
                        }
                    }
                }
            }
            if (insertAlert != null) {
                insertAlert.executeBatch();
                boundRows = 0;
            }
            conditions.flush(now);
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof WorkTask wt) {
                    results[i] = runInSavepoint(wt.work());
                }
            }
            writeConnection.commit();
            conditions.committed();
        } catch (SQLException | RuntimeException | OutOfMemoryError e) {
            // an OutOfMemoryError fails this transaction's inputs (they are not acknowledged and are
            // sent again or counted by their source) instead of killing the only writer thread
            error = e;
            seq = seqBefore;
            rollback(e);
            LOG.error("Cannot commit {} task(s) to the outbox {}: {}; their inputs are not acknowledged",
                    batch.size(), file, e.toString());
        }
        lastSeq.set(seq);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof AlertTask at) {
                at.committed().recorded(error == null ? recorded[i] : 0);
            }
        }
        finish(batch, results, error == null ? outcomes : List.of(), error);
        if (error == null && seq > seqBefore) {
            for (Runnable r : commitListeners) {
                r.run();
            }
        }
    }

    /** Outcomes that are kept: everything about a known condition; a clear of nothing leaves no trace. */
    private static boolean recordable(Outcome o) {
        return o.condition() != null && !Outcome.CLEAR_WITHOUT_PROBLEM.equals(o.reason());
    }

    /** Adds one occurrence row to the current batch; returns its sequence number. */
    private long record(Outcome o, byte[] json, long seq, long now) throws SQLException {
        if (insertAlert == null) {
            insertAlert = writeConnection.prepareStatement("INSERT INTO alert (seq, fingerprint, tenant, status,"
                    + " severity, received_at, json, notify) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        }
        Alert a = o.alert();
        long next = seq + 1;
        insertAlert.setLong(1, next);
        insertAlert.setString(2, a.fingerprint());
        insertAlert.setString(3, a.tenant());
        insertAlert.setString(4, a.status().wire());
        insertAlert.setInt(5, a.severity().ordinal());
        insertAlert.setLong(6, a.source() != null && a.source().receivedAt() != null
                ? a.source().receivedAt().toEpochMilli() : now);
        insertAlert.setBytes(7, json != null ? json : AlertJson.toBytes(a));
        insertAlert.setInt(8, o.notified() ? 1 : 0);
        insertAlert.addBatch();
        if (++boundRows == ROWS_PER_EXECUTE) {
            insertAlert.executeBatch();
            boundRows = 0;
        }
        o.condition().stored(next, o.notified());
        return next;
    }

    private void rollback(Throwable e) {
        try {
            writeConnection.rollback();
        } catch (SQLException r) {
            e.addSuppressed(r);
        }
        try {
            if (insertAlert != null) {
                insertAlert.clearBatch();
            }
            boundRows = 0;
        } catch (SQLException r) {
            e.addSuppressed(r);
        }
        conditions.rolledBack();
    }

    /** Once a second, in a transaction of its own: what time alone changes (timeouts, flapping settled, windows, silence). */
    private void maybeTick() {
        long now = clock.millis();
        if (now < nextTickAt) {
            return;
        }
        nextTickAt = now + TICK_MS;
        long seqBefore = lastSeq.get();
        long seq = seqBefore;
        List<Outcome> outcomes;
        try {
            writeConnection.setAutoCommit(false);
            outcomes = lifecycle.tick();
            for (Outcome o : outcomes) {
                if (recordable(o)) {
                    seq = record(o, null, seq, now);
                }
            }
            if (insertAlert != null) {
                insertAlert.executeBatch();
                boundRows = 0;
            }
            conditions.flush(now);
            if (now >= nextSourcesSaveAt) {
                nextSourcesSaveAt = now + SOURCES_SAVE_MS;
                saveSources();
            }
            writeConnection.commit();
            conditions.committed();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            LOG.warn("Outbox lifecycle tick failed (will try again): {}", e.toString());
            return;
        }
        lastSeq.set(seq);
        if (!outcomes.isEmpty()) {
            try {
                onCommitted.accept(outcomes);
            } catch (RuntimeException e) {
                LOG.warn("Post-commit hook failed: {}", e.toString());
            }
        }
        if (seq > seqBefore) {
            for (Runnable r : commitListeners) {
                r.run();
            }
        }
    }

    private static final long TICK_MS = 1000;
    private static final long SOURCES_SAVE_MS = 10_000;

    private void saveSources() throws SQLException {
        List<Lifecycle.SourceActivity> all = lifecycle.sources();
        if (all.isEmpty()) {
            return;
        }
        try (PreparedStatement p = writeConnection.prepareStatement("INSERT OR REPLACE INTO source_activity"
                + " (tenant, route, connector, last_input) VALUES (?, ?, ?, ?)")) {
            for (Lifecycle.SourceActivity a : all) {
                p.setString(1, a.tenant());
                p.setString(2, a.route());
                p.setString(3, a.connector());
                p.setLong(4, a.lastInput());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void restoreSources() throws SQLException {
        try (Statement s = writeConnection.createStatement();
             ResultSet r = s.executeQuery("SELECT tenant, route, connector, last_input FROM source_activity")) {
            while (r.next()) {
                lifecycle.restoreSource(r.getString(1), r.getString(2), r.getString(3), r.getLong(4));
            }
        }
    }

    private Object runInSavepoint(Work<?> work) throws SQLException {
        try (Statement s = writeConnection.createStatement()) {
            s.execute("SAVEPOINT work");
            try {
                Object r = work.run(writeConnection);
                s.execute("RELEASE work");
                return r;
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK TO work");
                s.execute("RELEASE work");
                return new Failed(e);
            }
        }
    }

    private record Failed(Exception error) {
    }

    private void finish(List<Task> batch, Object[] results, List<Outcome> committed, Throwable error) {
        for (Task t : batch) {
            if (t instanceof AlertTask at) {
                pendingAlerts.addAndGet(-at.alerts().size());
            }
        }
        if (!committed.isEmpty()) {
            try {
                onCommitted.accept(committed);
            } catch (RuntimeException e) {
                LOG.warn("Post-commit hook failed: {}", e.toString());
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Task t = batch.get(i);
            try {
                if (t instanceof AlertTask at) {
                    at.committed().done(error);
                } else if (t instanceof WorkTask wt) {
                    if (error != null) {
                        wt.result().completeExceptionally(error);
                    } else if (results[i] instanceof Failed f) {
                        wt.result().completeExceptionally(f.error());
                    } else {
                        wt.result().complete(results[i]);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Outbox callback failed: {}", e.toString());
            }
        }
    }

    private void maybePrune() {
        long now = clock.millis();
        if (now < nextPruneAt) {
            return;
        }
        nextPruneAt = now + settings.pruneEvery().toMillis();
        try {
            long lowest = lastSeq.get();
            for (java.util.function.LongSupplier cursor : cursors) {
                lowest = Math.min(lowest, cursor.getAsLong());
            }
            writeConnection.setAutoCommit(false);
            Retention.prune(writeConnection, settings, now, lowest);
            writeConnection.commit();
        } catch (SQLException e) {
            LOG.warn("Outbox pruning failed (will try again): {}", e.toString());
            try {
                writeConnection.rollback();
            } catch (SQLException ignored) {
                // the next transaction starts clean or fails loudly
            }
        }
    }

    /** Stops taking alerts, commits everything queued, and closes the database. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Task> stranded = new ArrayList<>();
        queue.drainTo(stranded);
        IOException closed = new IOException("outbox closed before commit");
        for (Task t : stranded) {
            if (t instanceof AlertTask at) {
                at.committed().done(closed);
            } else if (t instanceof WorkTask wt) {
                wt.result().completeExceptionally(closed);
            }
        }
        try {
            writeConnection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the outbox: {}", e.toString());
        }
    }
}
