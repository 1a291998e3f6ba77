package io.mimamori.outbox;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.lifecycle.Condition;
import io.mimamori.lifecycle.ConditionStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle's conditions in the outbox's {@code condition} table, with the most recently used
 * ones cached in memory. Used only by the outbox's writer thread, on its connection: changes are
 * written by {@link #flush()} inside the transaction that commits the occurrences.
 */
final class SqlConditions implements ConditionStore {
    static final String DDL = "CREATE TABLE IF NOT EXISTS condition (fingerprint TEXT PRIMARY KEY, tenant TEXT NOT NULL,"
            + " status TEXT NOT NULL, severity INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
            + " occurrences INTEGER NOT NULL, notified_status TEXT, notified_severity INTEGER,"
            + " notified_at INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL DEFAULT 0,"
            + " flapping INTEGER NOT NULL DEFAULT 0, changes TEXT, release_at INTEGER NOT NULL DEFAULT 0, held TEXT,"
            + " seq INTEGER NOT NULL, notified_seq INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL) WITHOUT ROWID";
    /** Only conditions with a timer or a hold are indexed, so a plain occurrence touches no index. */
    static final String[] INDEXES = {
        "CREATE INDEX IF NOT EXISTS condition_expires ON condition (expires_at) WHERE expires_at > 0",
        "CREATE INDEX IF NOT EXISTS condition_release ON condition (release_at) WHERE release_at > 0",
        "CREATE INDEX IF NOT EXISTS condition_held ON condition (held) WHERE held IS NOT NULL",
    };
    private static final int DUE_LIMIT = 1000;

    private final Connection c;
    private final Map<String, Condition> cache;
    private final Set<Condition> dirty = new LinkedHashSet<>();
    private PreparedStatement select;
    private PreparedStatement upsert;

    SqlConditions(Connection c, int capacity) {
        this.c = c;
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Condition> eldest) {
                return size() > capacity && !dirty.contains(eldest.getValue());
            }
        };
    }

    @Override
    public Condition find(String fingerprint) {
        Condition hit = cache.get(fingerprint);
        if (hit != null) {
            return hit;
        }
        try {
            if (select == null) {
                select = c.prepareStatement("SELECT tenant, status, severity, first_seen, last_seen, occurrences,"
                        + " notified_status, notified_severity, notified_at, expires_at, flapping, changes, release_at,"
                        + " held, seq, notified_seq FROM condition WHERE fingerprint = ?");
            }
            select.setString(1, fingerprint);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Condition found = read(fingerprint, r);
                cache.put(fingerprint, found);
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read condition " + fingerprint + ": " + e.getMessage(), e);
        }
    }

    private static Condition read(String fingerprint, ResultSet r) throws SQLException {
        Condition x = new Condition(fingerprint);
        String notified = r.getString(7);
        int notifiedSeverity = r.getInt(8);
        boolean noSeverity = r.wasNull();
        String changes = r.getString(12);
        x.restore(r.getString(1), Status.parse(r.getString(2)), Severity.values()[r.getInt(3)], r.getLong(4),
                r.getLong(5), r.getLong(6), notified == null ? null : Status.parse(notified),
                noSeverity ? null : Severity.values()[notifiedSeverity], r.getLong(9), r.getLong(10),
                r.getInt(11) != 0, changes == null || changes.isEmpty() ? new long[0]
                        : Arrays.stream(changes.split(",")).mapToLong(Long::parseLong).toArray(),
                r.getLong(13), r.getString(14), r.getLong(15), r.getLong(16));
        return x;
    }

    @Override
    public void changed(Condition condition) {
        dirty.add(condition);
        cache.put(condition.fingerprint(), condition);
    }

    /** Writes every changed condition; call inside the transaction, before commit. */
    void flush(long now) throws SQLException {
        if (dirty.isEmpty()) {
            return;
        }
        if (upsert == null) {
            upsert = c.prepareStatement("INSERT OR REPLACE INTO condition (fingerprint, tenant, status, severity,"
                    + " first_seen, last_seen, occurrences, notified_status, notified_severity, notified_at, expires_at,"
                    + " flapping, changes, release_at, held, seq, notified_seq, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        for (Condition x : dirty) {
            upsert.setString(1, x.fingerprint());
            upsert.setString(2, x.tenant());
            upsert.setString(3, x.status().wire());
            upsert.setInt(4, x.severity().ordinal());
            upsert.setLong(5, x.firstSeen());
            upsert.setLong(6, x.lastSeen());
            upsert.setLong(7, x.occurrences());
            upsert.setString(8, x.notifiedStatus() == null ? null : x.notifiedStatus().wire());
            if (x.notifiedSeverity() == null) {
                upsert.setNull(9, Types.INTEGER);
            } else {
                upsert.setInt(9, x.notifiedSeverity().ordinal());
            }
            upsert.setLong(10, x.notifiedAt());
            upsert.setLong(11, x.expiresAt());
            upsert.setInt(12, x.flapping() ? 1 : 0);
            long[] changes = x.changes();
            upsert.setString(13, changes.length == 0 ? null
                    : Arrays.stream(changes).mapToObj(Long::toString).collect(Collectors.joining(",")));
            upsert.setLong(14, x.releaseAt());
            upsert.setString(15, x.heldBy());
            upsert.setLong(16, x.seq());
            upsert.setLong(17, x.notifiedSeq());
            upsert.setLong(18, now);
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    /** After commit: the written conditions are clean and may leave the cache. */
    void committed() {
        for (Condition x : dirty) {
            x.forgetLatest();
        }
        dirty.clear();
    }

    /** After a rollback: forget what the transaction changed; it is read again from the table. */
    void rolledBack() {
        for (Condition x : dirty) {
            cache.remove(x.fingerprint());
        }
        dirty.clear();
    }

    @Override
    public List<Condition> due(long now) {
        return byFingerprints("SELECT fingerprint FROM condition WHERE expires_at > 0 AND expires_at <= " + now
                + " UNION SELECT fingerprint FROM condition WHERE release_at > 0 AND release_at <= " + now
                + " LIMIT " + DUE_LIMIT, x -> (x.expiresAt() > 0 && x.expiresAt() <= now)
                || (x.releaseAt() > 0 && x.releaseAt() <= now));
    }

    @Override
    public List<Condition> held() {
        return byFingerprints("SELECT fingerprint FROM condition WHERE held IS NOT NULL", x -> x.heldBy() != null);
    }

    /** The conditions a query names, as cached (the cache may be newer than the table), still matching {@code check}. */
    private List<Condition> byFingerprints(String sql, java.util.function.Predicate<Condition> check) {
        List<String> fps = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                fps.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query conditions: " + e.getMessage(), e);
        }
        Set<Condition> out = new LinkedHashSet<>();
        for (String fp : fps) {
            Condition x = find(fp);
            if (x != null && check.test(x)) {
                out.add(x);
            }
        }
        for (Condition x : dirty) {
            if (check.test(x)) {
                out.add(x);
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public Alert latest(Condition condition) {
        if (condition.latest() != null) {
            return condition.latest();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT json FROM alert WHERE seq = ?")) {
            p.setLong(1, condition.seq());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? AlertJson.fromJson(new String(r.getBytes(1), StandardCharsets.UTF_8)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the latest occurrence of " + condition.fingerprint()
                    + ": " + e.getMessage(), e);
        }
    }
}
