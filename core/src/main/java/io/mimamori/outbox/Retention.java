package io.mimamori.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Deletes what the outbox no longer needs, in the writer's connection. */
final class Retention {
    private Retention() {
    }

    /**
     * Removes finished deliveries older than the retention, dead letters older than theirs,
     * resolved conditions not updated within the retention, and alert rows nothing refers to any
     * more that every running sink's cursor has passed ({@code lowestCursor}).
     */
    static int prune(Connection c, OutboxSettings s, long now, long lowestCursor) throws SQLException {
        long keepFrom = now - s.retention().toMillis();
        long deadFrom = now - s.deadLetterRetention().toMillis();
        int n = 0;
        n += update(c, "DELETE FROM delivery WHERE state IN ('" + Outbox.DELIVERED + "', '" + Outbox.SUPERSEDED
                + "') AND updated_at < ?", keepFrom);
        n += update(c, "DELETE FROM delivery WHERE state = '" + Outbox.DEAD + "' AND updated_at < ?", deadFrom);
        n += update(c, "DELETE FROM condition WHERE status = 'resolved' AND updated_at < ?"
                + " AND expires_at = 0 AND release_at = 0 AND held IS NULL", keepFrom);
        // conditions are not indexed by row: one pass over them per prune beats an index write per occurrence
        n += update(c, "DELETE FROM alert WHERE received_at < ?"
                + " AND seq <= " + lowestCursor
                + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.seq = alert.seq)"
                + " AND seq NOT IN (SELECT seq FROM condition UNION ALL SELECT notified_seq FROM condition)", keepFrom);
        return n;
    }

    private static int update(Connection c, String sql, long bound) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, bound);
            return p.executeUpdate();
        }
    }
}
